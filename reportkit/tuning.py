"""Every threshold the readers use, named once, with its reason.

The numbers here are judgments about real reports (how far a printed rate may
be from the figures it was computed from, how many rows must agree before a
column is trusted). They live in one place so that a change to one is a
change everywhere it applies, and so that each carries the reason it has the
value it has.
"""
from __future__ import annotations

#: percentage points a printed rate may differ from actual / target and still
#: be its ratio: the rate was computed from figures that were then rounded
#: for print (13.01 / 23 is printed 56.60 %), or from the unrounded figures.
RATE_SLACK = 1.0

#: the share of the rows with all three figures that must agree (within
#: `RATE_SLACK`) before a column triple is read as target, actual and percent;
#: a few rows may disagree (a footnote, a cut-off date that differs).
RATE_MAJORITY = 0.6

#: the largest rate a percent column plausibly holds: a completion rate past
#: 300 % is an error or not a rate at all.
RATE_MAX = 300.0

#: the share of a column's filled cells that must hold a number alone for the
#: column to be read as a column of figures (a dash, a status word or a note
#: may stand in the others).
NUMERIC_COLUMN = 0.6

#: a first or last row whose figures make up at least this share of the sum
#: of the other rows', on every column of amounts, is the table's total (a
#: table cut short by the page keeps a total larger than what is left).
TOTAL_SHARE = 0.98

#: the fewest other rows a total row sums up (two rows and their sum are as
#: often three items).
TOTAL_MIN_ROWS = 3

#: partial readings of a header of several levels kept from one row to the
#: next: the first row of a header over fifteen columns has a few thousand
#: readings, and a good one stays among the best as its cells are placed.
HEADER_BEAM = 400

#: the same for a header of four rows or more: how its first row splits the
#: columns shows only once the third row's cells are placed, so more
#: readings must be kept (a few seconds for such a header).
HEADER_BEAM_DEEP = 3000

#: the most cells a header may have for its levels to be searched for.
HEADER_SEARCH_CELLS = 40

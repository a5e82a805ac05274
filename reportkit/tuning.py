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

#: points a reported percent may differ from actual / target before the report
#: contradicts itself (the `percent_mismatch` flag; `--tolerance` changes it): wider
#: than `RATE_SLACK`, as reports round, estimate and measure at other dates
TOLERANCE = 10.0

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

#: what reading levels into a header of exactly one cell per column costs: such a
#: header is one row of names far more often than levels that leave a column unnamed
ONE_PER_COLUMN = 1.0

#: the most cells a header may have for its levels to be searched for.
HEADER_SEARCH_CELLS = 40

#: the most steps the search of one header's levels may take, each about a microsecond
#: (`headertree._FILL_STEP` and the others): the search is exact below it. The real
#: multi-level headers seen take at most 1.1 million (a second), a header pasted one cell
#: per line of 16 cells and three levels about 3 million; a header of three or four
#: levels and 40 cells can take billions (hours). Past it (about 10 s), the header is
#: read as the best reading found by then (the search goes best first), and says so;
#: with none found, it is read line by line.
HEADER_SEARCH_STEPS = 10_000_000

#: the most states (columns x row pointers) the walk that bounds a header reading may
#: go through: a larger walk (a header of four rows and 20 cells or more) costs more than
#: the exact best of its leaves and groups, which bounds it as well
BOUND_STATES = 10_000


# ---- Table alignment (align.py)

#: the most characters a clause or sentence reaches from a quantity. Real
#: clauses are far shorter; the bound keeps every look-up, and the text a
#: metric quotes, of a size that does not grow with the input (a table pasted
#: as one line has no sentence end at all).
REACH = 160


# ---- Arithmetic (arithmetic.py)

#: a printed rate at or above this is read as capped when the actual passes the target
RATE_CAP = 100.0

#: how far past the target an actual may be for a capped rate to stand for it
CAP_REACH = 1.5


# ---- Rows matched to columns (grid.py)

MERGE_PENALTY = 1.5

#: a row almost always has its name: leaving the task column empty costs more than a poor fit
SKIP_COST = {"task": 4.0}

#: the longest rest of a name wrapped into a cell of its own; a longer cell joining a name costs more
NAME_REST = 16

LONG_INTO_NAME = 1.0

#: the most ways of leaving columns empty tried for one row (choosing 3 of 16 columns is 560)
PLACEMENTS = 5000


# ---- Header cells (headers.py)

#: what naming a role a second time costs a split of header fragments (more than a header word gains)
DUPLICATE_ROLE_COST = 4.0


# ---- Headers of several levels (headertree.py)

#: what reading a header as naming one column fewer (a column of names under
#: no header cell) or one more (a column no row fills) than the body has costs
MAP_COST = {0: 0.0, -1: 0.5, 1: 1.5}

#: ... or one more at the start: a label of the form's block over its rows (年度绩效目标 | 一级指标 | …)
LEAD_LABEL_COST = 1.0


# ---- Cell kinds (kinds.py)

#: the most characters besides its figures a cell may have and still be a quantity (新建3个 is; 新建站点5个 names a task)
QUANTITY_WORDS = 3


# ---- Narratives (narrative.py)

NARRATIVE_HEADING_MAX = 40

#: characters at the start of a sentence in which a period word (上半年, 截至) says
#: that it reports on the sentence before
NARRATIVE_PERIOD_OPENING = 8

#: quantities after a target among which its result is looked for
MAX_LOOKAHEAD = 60

#: a result this many times its target, with no percent of plan, measures something else
MAX_OVERSHOOT = 10

#: percentage points a rate stated in prose may differ from actual / target
#: (`arithmetic.states_share`): narrower than `RATE_SLACK`, because prose holds
#: competing figures (a province and a city target) that a wide slack would confuse
PROSE_RATE_SLACK = 0.6

#: characters before a stated percent within which its target may stand: a
#: report names the base a sentence or two before the rate (计划4000户 … 已竣工
#: 6150户,竣工率为153.75%), seldom further
ARITHMETIC_REACH = 300

#: the figures before a stated percent tried as its actual and target: a bound,
#: so that a line of thousands of figures costs time linear in its length
ARITHMETIC_CANDIDATES = 12

#: characters a title may have when it holds a sentence end inside it: a longer
#: line of sentences is the report's first paragraph, not its title
TITLE_MAX = 60

#: characters of prose read at once: a longer item (a report pasted as one line)
#: is read in pieces cut at sentence ends. No evidence reaches further than
#: `REACH` or `ARITHMETIC_REACH`, so pieces this long lose no pair, and the time
#: to read a text stays linear in its length
SEGMENT = 4000

#: characters a respectively-word (分别) may stand before the first figure it lists
#: (实际分别完成95个): a few words, no more
LIST_LEAD = 12

#: characters between a rate reached and its gap to the planned rate (实际进度89.84%,
#: 较预计进度落后0.16个百分点), and characters before the gap the words that name
#: the planned rate stand within (较预计进度落后): one clause each
GAP_REACH = 40
GAP_WORDS_REACH = 20

#: two-character words a target and a result left alone must share to be paired
#: by their names alone: one shared word (企业, 项目) names too little
WORDS_MIN_SHARED = 2

#: characters left of a clause without cue words that name nothing (上半年)
MAX_BARE = 4

#: characters left of a metric's name before its figure, cue words taken out, that
#: are a preposition at most (拟在1个专业市场: 在): the figure's name follows it
MAX_PREPOSITION = 1
#: the fewest characters of words after a figure that name it (专业市场, not 家)
MIN_NAME = 2

#: seconds one relation pattern may take on one item's text before it is given up
PATTERN_TIMEOUT = 1.0


# ---- Outlines (outline.py)

#: a paragraph opens a plan when a plan word stands this close to its start (下一步,
#: 2021年,某局将…), not when it cites one (根据…和市政府年度督查工作计划,…)
PLAN_OPENING = 20


# ---- Paragraphs (paragraphs.py)

#: the longest line a paragraph reader takes for a sub-heading (项目建设方面): a line of
#: prose is longer (a narrative heading may run longer: `NARRATIVE_HEADING_MAX`)
PARAGRAPH_HEADING_MAX = 24

#: paragraphs that follow one outline item with no marker of their own before the
#: outline reading is taken to have swallowed them (they are items of their own)
SWALLOWED_PARAGRAPHS = 3


# ---- Quantities (quantities.py)

#: Longest integer part (in digits) a measurement may have; longer runs are
#: codes, identifiers or table debris.
MAX_DIGITS = 15

#: Longest Chinese numeral read as a number.
MAX_NUMERAL = 20


# ---- Reading a table (tableread.py)

#: the most characters a cell may hold besides its quantity to be computed with (约5个, 5个以上)
FIGURE_WORDS = 2

#: what giving a header cell back to the first row costs a reading (the header as found is likelier)
GIVE_BACK_COST = 0.5

#: the mean length of a column of words past which it explains an indicator rather than names it
EXPLANATION = 12


# ---- Finders (finders/__init__.py)

#: the fewest rows before a last row that may be read as cut by the end of the text
CUT_MIN_ROWS = 3


# ---- Finders: cells (finders/cells.py)

#: the longest header cell, in characters without its bracketed notes
HEADER_CELL_MAX = 20


# ---- Finders: delimited (finders/delimited.py)

#: lines one quoted CSV cell may run over before the quote is taken as stray
CSV_MAX_LINES = 20

#: most cells of a CSV table are at most this long (prose split at its commas is not)
CSV_SHORT_CELL = 20

#: the share of rows that must follow a convention (open with |, close with |) for it to hold
CONVENTION = 0.6

#: blank lines a table may hold between two of its rows
TABLE_BLANK_LINES = 2


# ---- Finders: paired (finders/paired.py)

#: the fewest numbered rows that make such a block a table
PAIRED_MIN_ROWS = 3

#: lines of headings and notes a block may hold between two rows
PAIRED_MAX_GAP = 3


# ---- Finders: spaced (finders/spaced.py)

#: the fewest cells a space-separated row has (two cells are as often two phrases of prose)
SPACED_MIN_CELLS = 3

#: cells a row of a spaced table may have lost (empty cells vanish between spaces)
DROPPED = 3

#: header lines a spaced table may have
MAX_HEADER_LINES = 3

#: the longest line of words alone that continues a row's name
NOTE_MAX = 30


# ---- Finders: streams (finders/stream.py)

#: the most header cells a pasted table has above its first row
MAX_HEADER_CELLS = 40

#: a line holding at least this many space-separated cells, a third of them
#: figures, may be a whole table flattened onto one line
ONE_LINE_CELLS = 12

ONE_LINE_FIGURES = 0.3

#: how much more regular the named reading must be to beat the anchored one
NAMED_MARGIN = 0.3

#: ... or how many times more cells it must read, being about as regular
NAMED_REACH = 1.5

#: the shortest line of a cell that a hard wrap may have broken (a line of prose, not a label)
WRAP_MIN = 10

#: how far back a 每…每… prefix (每人每月609元) is looked for before a number: two
#: words of up to four characters after their 每 (每平方米每年)
PER_PREFIX_REACH = 12
#: how far a comparison word may stand before the 的 that closes what it
#: compares with (不低于当地最低生活保障标准的1.6倍): a noun phrase, not a clause
QUALIFIER_OF_REACH = 20

#: a structured table at least this wide may open with rows of a form (a label
#: and its value, merged across the rest): narrower tables are label/value
#: tables themselves
FORM_MIN_WIDTH = 4
#: how many header rows a table stacked inside a form's grid may open with
#: before its first row of figures (three levels, as the deepest real headers)
SECTION_HEADER_MAX = 3

#: an item number (a table's 序号 cell, an outline's ``1200.``) has at most this
#: many digits: a report of 999,999 items is far past any real one (and past the
#: default input limit), while longer numbers are amounts, codes or dates
ITEM_NUMBER_DIGITS = 6

#: seconds between a worker process's looks at whether the process that started
#: it is still there (it ends itself within this time when its parent is killed)
PARENT_CHECK = 1.0

#: the largest input read, in bytes (``--max-bytes``): far past any real report
#: (the largest seen are a few MB), and small enough that a device that never
#: ends (/dev/zero) or a wrong file is refused before memory runs out
MAX_INPUT_BYTES = 256 * 1024 * 1024
#: bytes read at a time from a stream whose size is not known beforehand
READ_BLOCK = 1 << 20

#: how many cell texts a memoized reading (`vocab.memo`: the kind of a cell, its
#: unit) keeps: the cells of a table of about 50,000 rows, whose cells are read in
#: several passes; a larger table's further cells are read again on each pass (a
#: memo emptied when full, as before, read every cell again on every pass: a table of
#: 77,000 rows took 6.7 times as long as one of 20,000)
MEMO_TEXTS = 200_000
#: how many a memo may keep from one document to the next (what repeats across the
#: files of a batch: header words, unit cells); a larger one is emptied as a document
#: starts, so that a batch does not hold every cell it has read
MEMO_KEEP = 4_096

#: the most characters a metric quotes of the text around its target or actual,
#: and of its name: real clauses are shorter, and a text with no punctuation
#: (where every window is the full reach) keeps the output a small multiple of
#: the input
TEXT_QUOTE = 120
NAME_QUOTE = 60

#: a computed percent above this is no completion a report means (52% read
#: against a target of 3 points gives 1733%): the pair is flagged
#: implausible_percent. Real overshoots stay far below (300% of a plan is rare)
PERCENT_SANE = 1000.0


# ---- Metadata (metadata.py)

#: the longest label of a "label: value" note before a report's body (单位, 发件人,
#: 填报单位): such a line is no title
LABEL_MAX = 4


# ---- Output (output.py)

#: records rendered at a time by a stream writer: a report of a million records is
#: written a batch at a time, not rendered whole and then written
WRITE_BATCH = 1_000

# ---- Large reports (parts.py)

#: characters from which a report given as text is read part by part: one part's
#: lines, items and alignments take 10-20 bytes of memory per character, so a part of
#: a million characters (about 3 MB of UTF-8) keeps them near 100 MB whatever the
#: report's size; the reports seen are at most a few hundred thousand characters, and
#: are read whole
PART_CHARS = 1_000_000

#: characters of a part with nothing to read that its `unparsed` span quotes (the span
#: names all its lines; quoting a part whole would hold it in memory)
PART_PREVIEW = 200

"""Backward-compatible name: wrap joining is a layout step, see `reportkit.wraps`."""
from __future__ import annotations

from ..wraps import is_wrapped, join_wrapped

__all__ = ["is_wrapped", "join_wrapped"]

"""Table typography for both files: which columns show, which hold numbers, how wide each one is.

The Word renderer (render/docx.py, on the filled-in template) and the PDF story (render/pdf.py) apply
these rules to the same cell texts, so both files show the same columns at the same widths:

- a column with nothing in it, not even a header, is left out (the spinnenweb's last year when there
  is none); a column with a header stays, so no column a provider named is lost;
- a column whose values are all numbers (amounts, percentages, "<5"; "n.v.t." may stand among them)
  is aligned right, its header too;
- a column is at least as wide as its longest word, a number counting as one word, so "2024" or
  "€ 1.495.580" never breaks; the room comes from the columns that have the most to spare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import define

__all__ = ["CELL_PADDING_PT", "KEEP_TOGETHER_ROWS", "TableLayout", "is_number", "shown_columns", "table_layout"]

CELL_PADDING_PT = 5.4
"""Left and right padding of a cell (Word's default 0.19 cm, the table style's tblCellMar)."""
SLACK_PT = 2.0
"""Room beyond the longest word: a line exactly as wide as its cell may still wrap (rounding, kerning)."""
KEEP_TOGETHER_ROWS = 8
"""A table of at most this many rows (header and total included) is kept on one page."""

_NUMBER = re.compile(r"[<>≤≥~±]?\s*(?:€\s*)?[-+−]?\d[\d.]*(?:,\d+)?\s*%?")
_NEUTRAL = {"", "n.v.t.", "nvt", "-", "–", "—"}
"""Values that may stand in a column of numbers without making it a text column."""
_BREAK = re.compile(r"[ \t\n\u200b]+")
"""Where a line may break (a no-break space, as after the euro sign, is no such place)."""


def is_number(text: str) -> bool:
    """Whether a cell holds a number as the report prints it: 35, 1.495, 38,9%, € 1.495.580, <5."""
    return bool(_NUMBER.fullmatch(text.strip()))


def shown_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[bool, ...]:
    """Per column: whether it shows; not when neither its header nor any row has a value in it (the
    first column, which names the rows, always shows)."""
    return tuple(
        c == 0 or bool(header[c].strip()) or any(c < len(r) and r[c].strip() for r in rows) for c in range(len(header))
    )


@define(frozen=True)
class TableLayout:
    shown: tuple[bool, ...]
    """Per column of the table as given: whether it shows."""
    numeric: tuple[bool, ...]
    """Per shown column: whether it holds numbers (aligned right)."""
    widths: tuple[float, ...]
    """Per shown column: its width in points."""


def table_layout(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    preferred: Sequence[float],
    available: float,
    font: str,
    size: float,
    *,
    drop_empty: bool = True,
) -> TableLayout:
    """The columns to show, their alignment and widths (points) for a table with this header and rows.

    rows: every row below the header (a total row too); preferred: the widths (points) the template
    or the outline gives each column; available: the width between the margins; font, size: the
    bold face the widest words are measured in (ReportLab name, registered); drop_empty: whether
    empty columns are left out.
    """
    columns = [[row[c].strip() for row in rows if c < len(row)] for c in range(len(header))]
    shown = shown_columns(header, rows) if drop_empty else (True,) * len(header)
    keep = [c for c, show in enumerate(shown) if show]
    numeric = tuple(
        c > 0 and any(is_number(v) for v in columns[c]) and all(is_number(v) or v in _NEUTRAL for v in columns[c])
        for c in keep
    )
    total = min(sum(preferred), available)
    wanted = [preferred[c] for c in keep]
    wanted = [w * total / sum(wanted) for w in wanted] if sum(wanted) > 0 else [total / len(keep)] * len(keep)
    minimum = [
        max(_widest([header[c]], False, font, size), _widest(columns[c], number, font, size))
        + 2 * CELL_PADDING_PT
        + SLACK_PT
        for c, number in zip(keep, numeric, strict=True)
    ]
    return TableLayout(shown, numeric, tuple(_fit(wanted, minimum, total)))


def _widest(texts: Sequence[str], whole: bool, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = [t for text in texts for t in ([text] if whole else _BREAK.split(text)) if t]
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def _fit(wanted: list[float], minimum: list[float], total: float) -> list[float]:
    """Widths that add up to total, each at least its minimum; a column below its minimum takes the
    room from the others in proportion to what they have to spare. A word too long for any width (a
    pasted code of hundreds of letters) breaks anyway: its column keeps the width it wanted."""
    minimum = list(minimum)
    while sum(minimum) > total + 0.01:
        worst = max(range(len(minimum)), key=lambda i: minimum[i] - wanted[i])
        if minimum[worst] <= wanted[worst]:
            break  # every minimum within its wanted width: the sum is the total, up to rounding
        minimum[worst] = wanted[worst]
    widths = [max(w, m) for w, m in zip(wanted, minimum, strict=True)]
    excess = sum(widths) - total
    spare = [w - m for w, m in zip(widths, minimum, strict=True)]
    if excess <= 0 or sum(spare) <= 0:
        return widths
    return [w - excess * s / sum(spare) for w, s in zip(widths, spare, strict=True)]

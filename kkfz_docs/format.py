"""Dutch (nl_NL) formatting of numbers, percentages, euro amounts, dates and quarters, in one place.

Word and PDF print through these functions (the Word template as Jinja filters), so both files
show a number the same way. Rounding is half-up, as people expect in a report (babel's own
default is half-even). babel puts a no-break space after the euro sign; keep it, it stops the
amount from wrapping away from its sign.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .values import Kwartaal, Periode

LOCALE = "nl_NL"
NBSP = "\xa0"

__all__ = ["datum", "euro", "getal", "kwartaal", "procent"]


def _round(value: int | float | Decimal, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def getal(value: int | float | Decimal, decimalen: int | None = None) -> str:
    """1234567 -> "1.234.567"; 2.5 -> "2,5"; with decimalen the number is rounded half-up."""
    from babel.numbers import format_decimal  # babel loads on first use, not on `import kkfz_docs`

    # Enough precision for any float (up to 1.8e308) to be rounded without decimal.InvalidOperation.
    with localcontext() as context:
        context.prec = 400
        if decimalen is not None:
            pattern = "#,##0" + ("." + "0" * decimalen if decimalen else "")
            return format_decimal(_round(value, decimalen), format=pattern, locale=LOCALE)
        return format_decimal(Decimal(str(value)), locale=LOCALE, decimal_quantization=False)


def procent(value: int | float | Decimal | None, decimalen: int = 1) -> str:
    """A percentage given as 0-100: 21.875 -> "21,9%"; None -> "n.v.t."."""
    if value is None:
        return "n.v.t."
    return getal(value, decimalen) + "%"


def euro(value: int | float | Decimal, centen: bool = False) -> str:
    """1495580 -> "€ 1.495.580" (no-break space); with centen=True "€ 1.495.580,00"."""
    return f"€{NBSP}" + getal(value, 2 if centen else 0)


def datum(value: dt.date) -> str:
    """date(2024, 12, 31) -> "31 december 2024"."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=LOCALE)


def kwartaal(value: Kwartaal | Periode | int | str) -> str:
    """Kwartaal(2024, 4) -> "Q4 2024"; also prints a Periode or year as written in a verslag."""
    if isinstance(value, str):
        value = Periode.parse(value)
    return str(value)

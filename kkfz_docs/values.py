"""Small value types shared by the sections: pijlers, quarters, periods, bounded numbers, the cycle's dates.

Each kind of value has one converter (CONVERTERS, or the type's `parse`), used both when a model
class is built in Python (model.py derives each field's converter from its annotation) and by
load() (convert.py), so a value means the same and is refused with the same Dutch message either way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import NewType

from attrs import define, field

from .errors import VerkeerdType, WaardeFout

__all__ = [
    "CONVERTERS",
    "GROOTSTE",
    "Aantal",
    "Beveiligingsniveau",
    "Cel",
    "Cyclus",
    "Getal",
    "Kwartaal",
    "PdcaScore",
    "Periode",
    "Pijler",
    "ThemaNummer",
    "WaardeFout",
    "aantal",
    "bedrag",
    "beveiligingsniveau",
    "cel",
    "datum",
    "geheel_getal",
    "getal",
    "is_number_text",
    "kengetal",
    "leaf_converter",
    "pdca_score",
    "tekst",
    "thema_nummer",
]


def is_number_text(text: str) -> bool:
    """'12' yes; '²', '١٢' or '' no (str.isdigit accepts those, int() does not take them all)."""
    return text.isascii() and text.isdecimal()


class Pijler(enum.IntEnum):
    """The five pijlers of the KKFZ, with their canonical Dutch names."""

    VEILIGHEID_EN_PERSOONSGERICHTE_ZORG = 1
    FORENSISCH_VAKMANSCHAP = 2
    ORGANISATIE_VAN_ZORG = 3
    SAMENWERKEN = 4
    INFORMEREN_OVER_RESULTATEN = 5

    @property
    def naam(self) -> str:
        """The canonical name, e.g. "Forensisch vakmanschap"."""
        return _PIJLER_NAMEN[self]

    @property
    def korte_naam(self) -> str:
        """A short name for chart axes."""
        return _PIJLER_KORT[self]

    @property
    def titel(self) -> str:
        """The section heading, e.g. "Pijler 2: Forensisch vakmanschap"."""
        return f"Pijler {self.value}: {self.naam}"

    @classmethod
    def parse(cls, value: object) -> Pijler:
        """Accept a number 1-5, "pijler 2", the canonical name or a known alias (any case)."""
        if isinstance(value, Pijler):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            if 1 <= value <= 5:
                return cls(value)
            raise WaardeFout(f"pijler {value} bestaat niet; kies een nummer van 1 tot en met 5")
        if isinstance(value, str):
            key = " ".join(value.lower().split())
            key = re.sub(r"^pijler\s*", "", key)
            if is_number_text(key):
                return cls.parse(int(key))
            match = re.match(r"^(\d)\s*(?:[:.\-–—]\s*)?", key)
            nummer = cls.parse(int(match.group(1))) if match else None
            naam = key[match.end() :] if match else key
            pijler = _PIJLER_ALIASSEN.get(naam.strip(" .…"))
            if pijler is not None and nummer is not None and pijler is not nummer:
                raise WaardeFout(
                    f"'{value}': pijler {nummer.value} heet {nummer.naam}, maar de naam is die van pijler "
                    f"{pijler.value} ({pijler.naam}); verbeter het nummer of de naam"
                )
            if pijler is not None:
                return pijler
            namen = "; ".join(p.naam for p in cls)
            raise WaardeFout(f"'{value}' is geen pijler; gebruik een nummer van 1 tot en met 5 of een naam: {namen}")
        raise VerkeerdType("een pijler: een nummer (1 tot en met 5) of een naam", value)


_PIJLER_NAMEN = {
    Pijler(1): "Veiligheid en persoonsgerichte zorg",
    Pijler(2): "Forensisch vakmanschap",
    Pijler(3): "Organisatie van zorg",
    Pijler(4): "Samenwerken",
    Pijler(5): "Informeren over resultaten",
}
_PIJLER_KORT = {
    Pijler(1): "Veiligheid",
    Pijler(2): "Vakmanschap",
    Pijler(3): "Organisatie",
    Pijler(4): "Samenwerken",
    Pijler(5): "Informeren",
}
_PIJLER_ALIASSEN = (
    {naam.lower(): p for p, naam in _PIJLER_NAMEN.items()}
    | {naam.lower(): p for p, naam in _PIJLER_KORT.items()}
    | {
        "forensische vakmanschap": Pijler(2),
        "organisatie van de zorg": Pijler(3),
        "samenwerking": Pijler(4),
    }
)
"""Names a pijler goes by (lower case): the canonical ones, the short ones ("PIJLER 5 - INFORMEREN")
and the spellings of the handreiking and providers (docs/regels.md, regel 12)."""


Aantal = NewType("Aantal", int)
"""A count of clients: a whole number, 0 or more."""
PdcaScore = NewType("PdcaScore", int)
"""A spinnenweb score: a whole number 0 to 4."""
Beveiligingsniveau = NewType("Beveiligingsniveau", int)
"""A security level: 1 (lowest) to 4 (FPC/tbs)."""
ThemaNummer = NewType("ThemaNummer", int)
"""One of the sector's 14 thema's."""
Getal = int | float | Decimal | str
"""A kengetal: a number, or a short text such as '<5' or 'n.b.' (small numbers are often suppressed)."""
Cel = int | float | Decimal | str | None
"""A table cell: a number, a short text such as '<5', or None for an empty cell."""

GROOTSTE = 10**15
"""Numbers from here up are refused: no count, amount or kengetal of a care provider comes near
(a turnover of a billion euro has ten digits), and floats stop being exact just above it."""


# --- converters: one per kind of value, used on construction in Python and by load() alike ----------
# Each takes what a user may give and returns the value, or raises VerkeerdType (wrong kind) or
# WaardeFout (right kind, breaks a rule), with a Dutch message.


def tekst(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise VerkeerdType("tekst", value)


def _reasonable(value: int | float | Decimal) -> None:
    """Refuse NaN, infinity and numbers too large to be real (before anything prints them: Python
    cannot even write an int of 5,000 digits as text)."""
    if (isinstance(value, Decimal) and value.is_nan()) or (isinstance(value, float) and math.isnan(value)):
        raise WaardeFout("NaN ('geen getal') kan niet in een verslag staan; vul een getal in of laat het veld weg")
    if (isinstance(value, Decimal) and value.is_infinite()) or (isinstance(value, float) and math.isinf(value)):
        raise WaardeFout("oneindig kan niet in een verslag staan; vul een getal in")
    if abs(value) >= GROOTSTE:  # type: ignore[operator]  # NaN and infinity are refused above
        raise WaardeFout("dit getal is te groot om te kloppen (16 cijfers of meer); controleer het")


# A number written the Dutch way, as text: "1.234.567", "1.495.580,50", "12,5", "€ 1.495".
_NEDERLANDS_GETAL = re.compile(r"\s*(?:€\s*)?[-+]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+)\s*")


def _dutch_number(value: object, soort: str, centen: bool) -> None:
    """A number typed as Dutch text where a number belongs: say exactly what to write instead."""
    if not isinstance(value, str) or not _NEDERLANDS_GETAL.fullmatch(value) or is_number_text(value.strip()):
        return
    getal = value.strip().lstrip("€").strip().replace(".", "").replace(",", ".")
    if "." in getal and not centen:
        raise WaardeFout(f"'{value.strip()}' is geen heel getal; {soort} is een heel getal zonder punten of komma's")
    raise WaardeFout(
        f"'{value.strip()}' is tekst; schrijf {soort} als getal zonder punten, euroteken of aanhalingstekens"
        + (", met een punt voor de centen" if centen else "")
        + f": {getal}"
    )


def _whole(value: object, verwacht: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise VerkeerdType(verwacht, value)
    _reasonable(value)
    return value


def geheel_getal(value: object) -> int:
    return _whole(value, "een geheel getal")


def aantal(value: object) -> Aantal:
    _dutch_number(value, "een aantal", centen=False)
    n = _whole(value, "een aantal (een geheel getal, 0 of meer)")
    if n < 0:
        raise WaardeFout(f"een aantal kan niet negatief zijn ({n}); vul 0 of meer in")
    return Aantal(n)


def pdca_score(value: object) -> PdcaScore:
    if isinstance(value, float) or (isinstance(value, str) and re.fullmatch(r"\d+[,.]\d+", value.strip())):
        raise WaardeFout(f"score {value} is geen heel getal; het spinnenweb kent alleen 0, 1, 2, 3 of 4")
    n = _whole(value, "een score 0, 1, 2, 3 of 4")
    if not 0 <= n <= 4:
        raise WaardeFout(f"score {n} valt buiten de schaal; kies 0, 1, 2, 3 of 4 (PDCA)")
    return PdcaScore(n)


def beveiligingsniveau(value: object) -> Beveiligingsniveau:
    n = _whole(value, "een beveiligingsniveau 1 tot en met 4")
    if not 1 <= n <= 4:
        raise WaardeFout(f"beveiligingsniveau {n} bestaat niet; kies 1, 2, 3 of 4 (4 = FPC/tbs), of laat het leeg")
    return Beveiligingsniveau(n)


def thema_nummer(value: object) -> ThemaNummer:
    n = _whole(value, "een themanummer 1 tot en met 14")
    if not 1 <= n <= 14:
        raise WaardeFout(f"thema {n} bestaat niet; de sector kent de thema's 1 tot en met 14")
    return ThemaNummer(n)


def getal(value: object) -> int | Decimal:
    """A number: a whole number stays an int, a fraction becomes the Decimal it shows as (0.1 is
    Decimal('0.1'), and a file's 12.50 keeps its zero), so it prints as written."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise VerkeerdType("een getal (zonder aanhalingstekens, met een punt als decimaalteken)", value)
    _reasonable(value)
    return Decimal(repr(value)) if isinstance(value, float) else value


def kengetal(value: object) -> int | Decimal | str:
    """A number, or a short text such as '<5' or 'n.b.', printed as given."""
    return value if isinstance(value, str) else getal(value)


def cel(value: object) -> int | Decimal | str | None:
    return None if value is None else kengetal(value)


def bedrag(value: object) -> Decimal:
    """An amount in euro; whole cents at most (1495580.50), never rounded on the way."""
    _dutch_number(value, "een bedrag", centen=True)
    if isinstance(value, int | float) and not isinstance(value, bool):
        _reasonable(value)
        value = Decimal(str(value))
    if not isinstance(value, Decimal):
        raise VerkeerdType("een bedrag in euro als getal, zonder punten of euroteken (bijvoorbeeld 1495580)", value)
    _reasonable(value)
    if value.is_signed():  # also -0.0, which would print as "€ -0"
        raise WaardeFout(f"een omzet kan niet negatief zijn ({value}); vul het bedrag zonder minteken in, of 0")
    if value != value.quantize(Decimal("0.01")):
        raise WaardeFout(
            f"het bedrag {value} heeft meer dan twee cijfers achter de punt; een bedrag gaat tot op de cent "
            "(bijvoorbeeld 1495580.50). Rond het af op hele centen"
        )
    return value


# A date as YAML writes one: 2025-05-20, optionally with a time (2025-05-20 10:00, 2025-05-20T10:00:00Z).
_DATUM = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+\d{1,2}:\d{2}\S*(?:\s*\S+)?)?\s*")
_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def datum(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (match := _DATUM.fullmatch(value)):
        jaar, maand, dag = map(int, match.groups())
        try:
            return dt.date(jaar, maand, dag)
        except ValueError:
            pass
        tekst = value.strip()
        if not 1 <= maand <= 12:
            raise WaardeFout(f"de datum {tekst} bestaat niet: maand {maand} bestaat niet; schrijf jaar-maand-dag")
        dagen = calendar.monthrange(jaar, maand)[1] if jaar >= 1 else 31
        raise WaardeFout(
            f"de datum {tekst} bestaat niet: {_MAANDEN[maand - 1]} {jaar} heeft {dagen} dagen; controleer de dag"
        )
    raise VerkeerdType("een datum als 2025-05-20 (jaar-maand-dag)", value)


CONVERTERS: dict[object, Callable[[object], object]] = {
    str: tekst,
    int: geheel_getal,
    Aantal: aantal,
    PdcaScore: pdca_score,
    Beveiligingsniveau: beveiligingsniveau,
    ThemaNummer: thema_nummer,
    Getal: kengetal,
    Cel: cel,
    Decimal: bedrag,
    dt.date: datum,
}
"""The converter of each plain value type; a type with a `parse` classmethod (Pijler, Periode, the
status enums) converts with that."""


def leaf_converter(t: object) -> Callable[[object], object] | None:
    """The converter for a value type, or None when t is a container or a model class."""
    if t in CONVERTERS:
        return CONVERTERS[t]
    parse = getattr(t, "parse", None) if isinstance(t, type) else None
    return parse if callable(parse) else None


@define(frozen=True)
class Cyclus:
    """The dates of one verslagjaar, computed in one place (docs/regels.md, regels 1 and 9), and today."""

    verslagjaar: int
    vandaag: dt.date = field(factory=dt.date.today)
    """The day the rules are checked on; a test may fix it."""

    @property
    def peildatum(self) -> dt.date:
        """The clients are counted on 31 December of the verslagjaar."""
        return dt.date(self.verslagjaar, 12, 31)

    @property
    def deadline(self) -> dt.date:
        """The verslag is ready by 31 May of the next year."""
        return dt.date(self.verslagjaar + 1, 5, 31)

    @property
    def volgend_jaar(self) -> int:
        """The year the ontwikkelpunten are for."""
        return self.verslagjaar + 1


@define(frozen=True, order=True)
class Kwartaal:
    """A quarter of a year, printed as "Q4 2024"."""

    jaar: int
    kwartaal: int

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.kwartaal <= 4:
            raise WaardeFout(f"kwartaal {self.kwartaal} bestaat niet; gebruik Q1 tot en met Q4")
        _check_jaar(self.jaar)

    def __str__(self) -> str:
        return f"Q{self.kwartaal} {self.jaar}"

    @classmethod
    def parse(cls, text: str) -> Kwartaal:
        match = re.fullmatch(r"\s*[Qq]\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*", text)
        if not match:
            raise WaardeFout(f"'{text}' is geen kwartaal; schrijf het als 'Q4 2024'")
        return cls(int(match.group(2)), int(match.group(1)))


def _check_jaar(jaar: object) -> None:
    if isinstance(jaar, bool) or not isinstance(jaar, int):
        raise VerkeerdType("een jaartal als 2025", jaar)
    if not 2000 <= jaar <= 2100:
        getoond = f"jaar {jaar}" if abs(jaar) < GROOTSTE else "dit jaartal"
        raise WaardeFout(f"{getoond} is onwaarschijnlijk; schrijf een jaartal als 2025")


_PUNT = r"(?:\d{4}|[Qq]\s*[1-4]\s+\d{4})"


@define(frozen=True)
class Periode:
    """When a goal is planned: a year (2025), a quarter (Q2 2025) or a range (2024-2025, 2024/2025, 2023|2026).

    A range prints with the separator it was written with: "2024/2025" stays "2024/2025".
    """

    begin: int | Kwartaal
    eind: int | Kwartaal | None = None
    teken: str = field(default="-", eq=False)
    """The separator of a range as written ("-", "/", " - "); not part of the value."""

    def __attrs_post_init__(self) -> None:
        for punt in (self.begin, self.eind):
            if punt is not None and not isinstance(punt, Kwartaal):
                _check_jaar(punt)
        if self.eind is not None and _sort_key(self.eind, last=True) < _sort_key(self.begin, last=False):
            raise WaardeFout(f"de periode '{self}' eindigt voor ze begint; zet het vroegste jaar voorop")

    @property
    def eerste_jaar(self) -> int:
        return _jaar(self.begin)

    @property
    def laatste_jaar(self) -> int:
        return _jaar(self.eind if self.eind is not None else self.begin)

    def __str__(self) -> str:
        if self.eind is None:
            return str(self.begin)
        return f"{self.begin}{self.teken}{self.eind}"

    def to_data(self) -> int | str:
        """The value as written in a verslag file: an int for a bare year, else text."""
        if self.eind is None and isinstance(self.begin, int):
            return self.begin
        return str(self)

    @classmethod
    def parse(cls, value: object) -> Periode:
        if isinstance(value, Periode):
            return value
        if isinstance(value, Kwartaal):
            return cls(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, dt.date):
            kwartaal = (value.month - 1) // 3 + 1
            raise WaardeFout(
                f"hier hoort een jaar of kwartaal, geen datum ({value.isoformat()}); schrijf {value.year} "
                f'of "Q{kwartaal} {value.year}" (met aanhalingstekens)'
            )
        if not isinstance(value, str):
            raise VerkeerdType("een jaar of kwartaal", value)
        text = value.strip()
        match = re.fullmatch(rf"({_PUNT})(?:(\s*[-/–|]\s*)({_PUNT}))?", text)
        if not match:
            jaren = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)
            in_woorden = re.search(r"(?<!\d)([1-4])\s*(?:e|ste|de)?\s+kwartaal", text, re.IGNORECASE)
            if len(jaren) == 1 and in_woorden:  # '2e kwartaal 2024'
                raise WaardeFout(
                    f"'{value}' is geen jaar of kwartaal zoals kkfz-docs het leest; schrijf "
                    f"'Q{in_woorden.group(1)} {jaren[0]}'"
                )
            if len(jaren) == 1 and re.search(r"[^\W\dQq]", text):  # a year with words: a remark
                raise WaardeFout(
                    f"'{value}' is geen jaar of kwartaal; schrijf hier alleen het jaar of kwartaal ({jaren[0]} of "
                    f"'Q2 {jaren[0]}') en zet de opmerking in de toelichting"
                )
            raise WaardeFout(f"'{value}' is geen jaar of kwartaal; schrijf bijvoorbeeld 2025, 'Q2 2025' of '2024-2025'")
        if match.group(3) is None:
            return cls(_punt(match.group(1)))
        return cls(_punt(match.group(1)), _punt(match.group(3)), match.group(2))


def _punt(text: str) -> int | Kwartaal:
    return int(text) if text.isdigit() else Kwartaal.parse(text)


def _jaar(punt: int | Kwartaal) -> int:
    return punt.jaar if isinstance(punt, Kwartaal) else punt


def _sort_key(punt: int | Kwartaal, *, last: bool) -> tuple[int, int]:
    if isinstance(punt, Kwartaal):
        return (punt.jaar, punt.kwartaal)
    return (punt, 4 if last else 1)

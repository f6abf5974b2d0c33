"""Numbers as people write them: what is typed in a count, an amount, a kengetal or a table cell is
read exactly as meant or refused with a Dutch message that says what to type (docs/invoer.md)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from invoer import enige_fout, schrijf, tekst
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.render.context import build

OMZET = 'algemene_informatie.omzet["Forensische zorg"]'
KENGETAL = 'prestatie_indicatoren[0].kengetallen["Cliënten uitgestroomd"]'
CEL = "prestatie_indicatoren[0].tabel.rijen[0].waarden[0]"
AANTAL = "algemene_informatie.clienten.forensische_zorg"


def context(tmp_path, **velden):
    return build(kd.load(schrijf(tmp_path, tekst(**velden))))


# --- the examples of issue 9 -----------------------------------------------------------------------


def test_an_amount_with_a_thousands_point_is_refused_with_the_fix(tmp_path):
    fout = enige_fout(tmp_path, tekst(bedrag="1.495"))
    assert (fout.pad, fout.regel) == (OMZET, 15)
    assert fout.melding == (
        "1.495 is dubbelzinnig: YAML leest de punt als decimaalteken (1,495), in het Nederlands is het een "
        "duizendtal (1495). Schrijf een bedrag zonder punt voor de duizendtallen: 1495; centen schrijft u met een "
        "punt en twee cijfers: 1495.50"
    )


@pytest.mark.parametrize("getypt", ["1.500", "1.234"])
def test_a_kengetal_with_a_thousands_point_is_refused_with_the_fix(tmp_path, getypt):
    fout = enige_fout(tmp_path, tekst(kengetal=getypt))
    heel, komma = getypt.replace(".", ""), getypt.replace(".", ",")
    assert fout.pad == KENGETAL
    assert fout.melding == (
        f"{getypt} is dubbelzinnig: YAML leest de punt als decimaalteken ({komma}), in het Nederlands is het een "
        f'duizendtal ({heel}). Schrijf {heel} (zonder punt) of "{komma}" (met aanhalingstekens)'
    )


def test_a_table_cell_with_a_thousands_point_is_refused(tmp_path):
    fout = enige_fout(tmp_path, tekst(cel="1.500"))
    assert fout.pad == CEL and fout.melding.startswith("1.500 is dubbelzinnig")


def test_a_count_with_a_thousands_point_is_refused(tmp_path):
    fout = enige_fout(tmp_path, tekst(aantal="1.500"))
    assert fout.pad == AANTAL
    assert fout.melding.endswith("duizendtal (1500). Schrijf 1500, zonder punt")


def test_an_amount_keeps_its_cents(tmp_path):
    omzet = context(tmp_path, bedrag="1495580.50")["algemene_informatie"]
    assert [r["bedrag"] for r in omzet["omzet"]] == ["€\xa01.495.580,50", "€\xa0312.400,00"]
    assert omzet["omzet_totaal"] == "€\xa01.807.980,50"


def test_cents_are_printed_in_the_word_file_and_the_pdf(tmp_path):
    verslag = kd.load(schrijf(tmp_path, tekst(bedrag="1495580.50")))
    doc = Document(kd.render_docx(verslag, tmp_path / "v.docx"))
    cellen = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert {"€\xa01.495.580,50", "€\xa0312.400,00", "€\xa01.807.980,50"} <= cellen
    kd.render_pdf(verslag, tmp_path / "v.pdf")
    pdf = "".join(p.extract_text() for p in PdfReader(tmp_path / "v.pdf").pages)
    assert "1.495.580,50" in pdf and "1.807.980,50" in pdf


def test_amounts_without_cents_print_without_cents(tmp_path):
    omzet = context(tmp_path)["algemene_informatie"]["omzet"]
    assert [r["bedrag"] for r in omzet] == ["€\xa01.495.580", "€\xa0312.400"]


def test_an_amount_of_a_fraction_of_a_cent_is_refused(tmp_path):
    fout = enige_fout(tmp_path, tekst(bedrag="1495580.505"))
    assert fout.pad == OMZET
    assert fout.melding == (
        "het bedrag 1495580.505 heeft meer dan twee cijfers achter de punt; een bedrag gaat tot op de cent "
        "(bijvoorbeeld 1495580.50). Rond het af op hele centen"
    )


@pytest.mark.parametrize(("veld", "pad"), [("bedrag", OMZET), ("aantal", AANTAL), ("kengetal", KENGETAL), ("cel", CEL)])
@pytest.mark.parametrize("getypt", [".nan", ".inf", "-.inf", ".NaN"])
def test_nan_and_infinity_are_refused_everywhere(tmp_path, veld, pad, getypt):
    fout = enige_fout(tmp_path, tekst(**{veld: getypt}))
    assert fout.pad == pad
    assert fout.melding.startswith(f"{getypt} is geen getal (YAML leest het als 'oneindig' of 'geen getal')")


@pytest.mark.parametrize(("veld", "pad"), [("bedrag", OMZET), ("aantal", AANTAL), ("kengetal", KENGETAL), ("cel", CEL)])
def test_a_number_with_5000_digits_is_refused_not_a_crash(tmp_path, veld, pad):
    fout = enige_fout(tmp_path, tekst(**{veld: "9" * 5000}))
    assert (fout.pad, fout.melding) == (pad, "dit getal is te groot om te kloppen (16 cijfers of meer); controleer het")


def test_the_largest_number_with_15_digits_is_read(tmp_path):
    rijen = context(tmp_path, aantal="999999999999999")["algemene_informatie"]["clienten"]["rijen"]
    assert rijen[0]["aantal"] == "999.999.999.999.999"


@pytest.mark.parametrize(
    ("getypt", "geprint"),
    [("<5", "<5"), ("n.b.", "n.b."), ('"1,495"', "1,495"), ("1:30", "1:30"), ("=", "="), ("<<", "<<")],
)
def test_a_kengetal_and_a_cell_may_be_a_short_text_printed_as_typed(tmp_path, getypt, geprint):
    indicator = context(tmp_path, kengetal=getypt, cel=getypt)["prestatie_indicatoren"][0]
    assert indicator["kengetallen"][0]["waarde"] == geprint
    assert indicator["tabel"]["rijen"][0]["waarden"] == [geprint]


@pytest.mark.parametrize(
    ("getypt", "geprint"), [("12.50", "12,50"), ("0.125", "0,125"), ("1495", "1.495"), ("007", "7"), ("1_000", "1.000")]
)
def test_a_kengetal_prints_the_number_typed_with_its_decimals(tmp_path, getypt, geprint):
    assert context(tmp_path, kengetal=getypt)["prestatie_indicatoren"][0]["kengetallen"][0]["waarde"] == geprint


def test_a_number_where_text_belongs_is_the_text_typed(tmp_path):
    verslag = kd.load(schrijf(tmp_path, tekst(plaats="1.500", opgesteld_door="0x1F", terugblik="2025-5-20")))
    assert (verslag.organisatie.plaats, verslag.opgesteld_door, verslag.terugblik) == ("1.500", "0x1F", "2025-5-20")


@pytest.mark.parametrize(
    ("getypt", "melding"),
    [
        (
            '"1.234.567"',
            "'1.234.567' is tekst; schrijf een aantal als getal zonder punten, euroteken of aanhalingstekens: 1234567",
        ),
        ("12,5", "'12,5' is geen heel getal; een aantal is een heel getal zonder punten of komma's"),
        ("1:30", "hier hoort een aantal (een geheel getal, 0 of meer), maar er staat de tekst '1:30'"),
        ("0x1F", "hier hoort een aantal (een geheel getal, 0 of meer), maar er staat de tekst '0x1F'"),
        ("3.0", "hier hoort een aantal (een geheel getal, 0 of meer), maar er staat '3.0'"),
    ],
)
def test_a_count_typed_otherwise_says_what_to_type(tmp_path, getypt, melding):
    fout = enige_fout(tmp_path, tekst(aantal=getypt))
    assert (fout.pad, fout.melding) == (AANTAL, melding)


def test_an_amount_typed_the_dutch_way_says_what_to_type(tmp_path):
    fout = enige_fout(tmp_path, tekst(bedrag='"€ 1.495.580,50"'))
    assert fout.melding == (
        "'€ 1.495.580,50' is tekst; schrijf een bedrag als getal zonder punten, euroteken of aanhalingstekens, "
        "met een punt voor de centen: 1495580.50"
    )


# --- any scalar in a number field: read as meant, or refused -----------------------------------------

VELDEN = {"aantal": AANTAL, "bedrag": OMZET, "kengetal": KENGETAL, "cel": CEL}
_NULL = {"~", "null", "Null", "NULL"}

BIJZONDER = [
    "1.234.567", "12,5", ".nan", ".inf", "-.inf", "0x1F", "0b101", "017", "08", "1:30", "190:20:30.15", "1_000",
    "+5", "1.0e+3", "1.5e-3", ".5", "1.", "yes", "no", "On", "2025-05-20", "2026-02-30", "<5", "n.b.", "-0",
    "9" * 16, "9" * 5000, "0" * 30 + "1", "=", "<<",
]  # fmt: skip
"""What YAML reads its own way: a thousands point, a comma, NaN, hex, octal, sexagesimal, booleans, dates."""

scalars = st.one_of(
    st.integers(-(10**17), 10**17).map(str),
    st.integers(0, 4).flatmap(lambda p: st.decimals(-(10**9), 10**9, places=p, allow_nan=False)).map(str),
    st.builds(lambda n, d: f"{n}.{d}", st.integers(0, 999_999), st.text("0123456789", min_size=1, max_size=4)),
    st.builds(lambda a, b: f"{a}.{b:03d}", st.integers(1, 999), st.integers(0, 999)),
    st.sampled_from(BIJZONDER),
    st.text("0123456789.,-+_eExabnif<>/% ", min_size=1, max_size=12),
).filter(lambda s: s == s.strip() and s not in _NULL)


def _meant(s: str) -> Decimal | None:
    """The number someone who types s means, read digit by digit (1_000 is 1000); None if s is no number."""
    t = s.replace("_", "")
    return Decimal(t) if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]\d+)?", t) else None


def _read_back(printed: str) -> Decimal:
    """A number as printed in Dutch ("€ 1.495.580,50", "-0,125") read back."""
    return Decimal(printed.removeprefix("€\xa0").replace(".", "").replace(",", "."))


def _decimals(meant: Decimal) -> int:
    return max(0, -int(meant.as_tuple().exponent))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(veld=st.sampled_from(sorted(VELDEN)), s=scalars)
def test_any_scalar_in_a_number_field_is_read_as_meant_or_refused(tmp_path, veld, s):
    text = tekst(**{veld: s})
    try:
        verslag = kd.load(schrijf(tmp_path, text))
    except kd.OngeldigVerslag as e:  # refused: with a Dutch message at the field or the line
        assert e.fouten and all(f.melding for f in e.fouten)
        event("geweigerd")
        return
    meant = _meant(s)
    ai, pi = verslag.algemene_informatie, verslag.prestatie_indicatoren[0]
    value = {
        "aantal": ai.clienten.forensische_zorg,
        "bedrag": ai.omzet["Forensische zorg"],
        "kengetal": pi.kengetallen["Cliënten uitgestroomd"],
        "cel": pi.tabel.rijen[0].waarden[0],
    }[veld]
    ctx = build(verslag)
    printed = {
        "aantal": ctx["algemene_informatie"]["clienten"]["rijen"][0]["aantal"],
        "bedrag": ctx["algemene_informatie"]["omzet"][0]["bedrag"],
        "kengetal": ctx["prestatie_indicatoren"][0]["kengetallen"][0]["waarde"],
        "cel": ctx["prestatie_indicatoren"][0]["tabel"]["rijen"][0]["waarden"][0],
    }[veld]
    if isinstance(value, str):  # only a kengetal or a cell holds text, and then exactly as typed
        assert veld in ("kengetal", "cel") and value == s and printed == s
        event("tekst zoals getypt")
        return
    event("getal")
    assert meant is not None, f"{s!r} read as {value!r}"
    assert not re.fullmatch(r"[-+]?[1-9]\d{0,2}\.\d{3}", s), f"{s!r} is ambiguous but was read"
    assert value == meant and abs(meant) < 10**15
    assert _read_back(printed) == meant
    if veld in ("kengetal", "cel"):
        assert len(printed.partition(",")[2]) == _decimals(meant)  # 12.50 prints 12,50
    if veld == "aantal":
        assert isinstance(value, int) and value >= 0 and not re.search("[.eE]", s)

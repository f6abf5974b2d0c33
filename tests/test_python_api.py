"""A verslag built in Python (a notebook) checks its values at construction, as the README shows."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from conftest import ROOT, minimaal
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from invoer import schrijf, tekst
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.text import iter_texts, strip_control_characters


def readme_example() -> str:
    """The README's example of a verslag built from plain lists and strings."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if "kd.Kwaliteitsverslag(" in b)


def test_the_readme_example_builds_checks_and_renders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(readme_example(), namespace)
    verslag = namespace["verslag"]
    assert isinstance(verslag.pijlers, tuple) and isinstance(verslag.pijlers[0].successen, tuple)
    assert verslag.pijlers[0].ontwikkelpunten[0].wanneer == kd.Periode(kd.Kwartaal(2026, 2))
    assert verslag.algemene_informatie.omzet == {"Forensische zorg": Decimal("412000.5"), "WMO": Decimal(380000)}
    assert "fout:" not in capsys.readouterr().out
    cellen = {c.text for t in Document(tmp_path / "proeftuin-2025.docx").tables for r in t.rows for c in r.cells}
    assert {"€\xa0412.000,50", "€\xa0380.000,00"} <= cellen
    assert "Intake binnen vier weken. (Q2 2026)" in PdfReader(tmp_path / "proeftuin-2025.pdf").pages[1].extract_text()


# --- the examples of issue 9 -----------------------------------------------------------------------


def test_lists_become_tuples_and_a_quarter_a_periode():
    reflectie = kd.PijlerReflectie(nummer=1, successen=["Eén.", "Twee."])
    assert reflectie.successen == ("Eén.", "Twee.")
    assert kd.Ontwikkelpunt("Meer intervisie.", wanneer="Q2 2026").wanneer == kd.Periode(kd.Kwartaal(2026, 2))


def test_an_int_or_float_omzet_is_an_amount():
    info = kd.AlgemeneInformatie(omzet={"WLZ": 1839147, "WMO": 312400.5})
    assert info.omzet == {"WLZ": Decimal("1839147"), "WMO": Decimal("312400.5")}
    assert sum(info.omzet.values(), Decimal(0)) == Decimal("2151547.5")  # no Decimal + float later


@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (
            lambda: kd.AlgemeneInformatie(omzet={"WLZ": float("nan")}),
            "AlgemeneInformatie.omzet.WLZ: NaN ('geen getal') kan niet in een verslag staan; vul een getal in of "
            "laat het veld weg",
        ),
        (
            lambda: kd.AlgemeneInformatie(omzet={"Forensische zorg": float("inf")}),
            'AlgemeneInformatie.omzet["Forensische zorg"]: oneindig kan niet in een verslag staan; vul een getal in',
        ),
        (
            lambda: kd.PrestatieIndicator("2", "Continuïteit van zorg", kengetallen={"Uitgestroomd": float("nan")}),
            "PrestatieIndicator.kengetallen.Uitgestroomd: NaN ('geen getal') kan niet in een verslag staan; vul een "
            "getal in of laat het veld weg",
        ),
        (
            lambda: kd.Clienten(forensische_zorg=int("9" * 4000)),
            "Clienten.forensische_zorg: dit getal is te groot om te kloppen (16 cijfers of meer); controleer het",
        ),
        (
            lambda: kd.TabelRij("Ambulante begeleiding", [1, float("inf")]),
            "TabelRij.waarden[1]: oneindig kan niet in een verslag staan; vul een getal in",
        ),
        (
            lambda: kd.AlgemeneInformatie(omzet={"WLZ": 0.1 + 0.2}),
            "AlgemeneInformatie.omzet.WLZ: het bedrag 0.30000000000000004 heeft meer dan twee cijfers achter de punt; "
            "een bedrag gaat tot op de cent (bijvoorbeeld 1495580.50). Rond het af op hele centen",
        ),
        (
            lambda: kd.Ontwikkelpunt("Meer intervisie.", wanneer=dt.date(2026, 6, 30)),
            "Ontwikkelpunt.wanneer: hier hoort een jaar of kwartaal, geen datum (2026-06-30); schrijf 2026 of "
            '"Q2 2026" (met aanhalingstekens)',
        ),
        (
            lambda: kd.Kwaliteitsverslag(
                verslagjaar=2024, organisatie="Stichting X", algemene_informatie=kd.AlgemeneInformatie(), pijlers=[]
            ),
            "Kwaliteitsverslag.organisatie: hier hoort een Organisatie, maar er staat de tekst 'Stichting X'",
        ),
        (
            lambda: kd.Kwaliteitsverslag(
                verslagjaar="2025",
                organisatie=kd.Organisatie("Stichting X"),
                algemene_informatie=kd.AlgemeneInformatie(),
                pijlers=[kd.PijlerReflectie(nummer=n) for n in (1, 2, 3, 4)],
            ),
            "Kwaliteitsverslag.verslagjaar: hier hoort een geheel getal, maar er staat de tekst '2025'",
        ),
    ],
)
def test_a_wrong_value_is_a_dutch_error_at_construction_naming_the_field(maak, melding):
    with pytest.raises(kd.WaardeFout) as info:
        maak()
    assert str(info.value) == melding


def test_check_and_render_take_a_path(tmp_path):
    pad = schrijf(tmp_path, tekst())
    assert kd.check(pad, max_pages=None) == []
    assert kd.check(str(pad), max_pages=None) == []
    assert kd.render_pdf(pad, tmp_path / "v.pdf").pages >= 1
    assert kd.render_docx(str(pad), tmp_path / "v.docx").exists()


def test_anything_else_is_a_clear_type_error():
    with pytest.raises(TypeError) as info:
        kd.check(minimaal())
    assert str(info.value) == (
        "geef een Kwaliteitsverslag, een Meerjarenplan of het pad van een .yaml- of .json-bestand, geen dict; "
        "gegevens in een dict leest u eerst in met kkfz_docs.load(...)"
    )


# --- any verslag built from plain Python values ---------------------------------------------------------

# Text the embedded font can draw, with what people paste: markup, braces, a #, Word's line break,
# U+2028, a bell, a bullet.
tekst_ = st.text("abcdeéëfghijklmnopqrstuvwxyzABCZ0123456789 .,:;-()&<>{}%#€•\n\x0b\u2028\x07", max_size=30)
periodes = st.one_of(
    st.sampled_from(["Q2 2026", "2026", "2025/2026", "Q4 2025 - Q1 2026", None]), st.integers(2025, 2030)
)
GOED = {
    "jaar": st.integers(2023, 2025),
    "naam": tekst_,
    "visie": tekst_,
    "setting": tekst_,
    "fz": st.integers(0, 10**6),
    "wmo": st.integers(0, 10**6),
    "omzet": st.one_of(st.integers(0, 10**9), st.integers(0, 10**11).map(lambda centen: centen / 100)),
    "successen": st.one_of(st.lists(tekst_, max_size=3), tekst_),
    "reflectie": tekst_,
    "ontwikkelpunt": tekst_,
    "wanneer": periodes,
    "kengetal": st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e7, 1e7), st.sampled_from(["<5", "n.b."])),
    "cel": st.one_of(st.none(), st.integers(0, 500), st.sampled_from(["<5", "12,5"])),
}
"""Plain values a notebook user passes that are right."""
getalachtig = st.sampled_from([float("nan"), float("inf"), -3, 0.125, 10**15, 10**5000, True, "12", "1.234", None])
VERKEERD = {
    "jaar": st.sampled_from(["2025", 2025.0, 1999, None]),
    "naam": st.sampled_from([None, 12, ["een lijst"], dt.date(2025, 1, 1)]),
    "visie": st.sampled_from([3.5, ("a",), {"a": 1}]),
    "setting": st.sampled_from([None, 1]),
    "fz": getalachtig,
    "wmo": getalachtig,
    "omzet": getalachtig,
    "successen": st.sampled_from([[1, 2], [None], "één", 7]),
    "reflectie": st.sampled_from([None, 0]),
    "ontwikkelpunt": st.sampled_from([None, 2025]),
    "wanneer": st.one_of(st.sampled_from(["Q5 2026", "volgend jaar", 2.5, "2026-2025"]), st.dates()),
    "kengetal": getalachtig,
    "cel": getalachtig,
}
"""Plain values that may be wrong: each is refused at construction or means something."""


@st.composite
def plain_values(draw) -> dict:
    """What a notebook user passes: plain lists, texts and numbers; now and then one of them wrong."""
    values = {veld: draw(strategie) for veld, strategie in GOED.items()}
    values["successen"] = [values["successen"], *(draw(GOED["successen"]) for _ in range(3))]
    if draw(st.booleans()):
        veld = draw(st.sampled_from(sorted(VERKEERD)))
        values[veld] = draw(VERKEERD[veld])
        if veld == "successen":
            values[veld] = [values[veld]] * 4
    return values


def build(v: dict) -> kd.Kwaliteitsverslag:
    return kd.Kwaliteitsverslag(
        verslagjaar=v["jaar"],
        organisatie=kd.Organisatie(naam=v["naam"]),
        algemene_informatie=kd.AlgemeneInformatie(
            visie=v["visie"],
            zorgtypen=[kd.Zorgtype(setting=v["setting"])],
            clienten=kd.Clienten(forensische_zorg=v["fz"], anders_gefinancierd={"WMO": v["wmo"]}),
            omzet={"Forensische zorg": v["omzet"]},
        ),
        pijlers=[
            kd.PijlerReflectie(
                nummer=n,
                algemeen_beeld=v["visie"],
                reflectie=v["reflectie"],
                successen=v["successen"][n - 1],
                ontwikkelpunten=[kd.Ontwikkelpunt(v["ontwikkelpunt"], wanneer=v["wanneer"])],
            )
            for n in (1, 2, 3, 4)
        ],
        prestatie_indicatoren=[
            kd.PrestatieIndicator(
                nummer="2",
                naam="Continuïteit van zorg",
                toelichting=v["reflectie"],
                kengetallen={"Uitgestroomd": v["kengetal"]},
                tabel=kd.Tabel(kolommen=["Beschermd wonen"], rijen=[kd.TabelRij("Ambulant", [v["cel"]])]),
            )
        ],
    )


def squeeze(text: str) -> str:
    return "".join(strip_control_characters(text).split()).replace("-", "")


RUNNING = re.compile(r"(visie|algemeen_beeld|reflectie|successen\[\d+\]|omschrijving|toelichting)$")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_values())
def test_plain_values_raise_the_dutch_error_at_construction_or_render_both_files_whole(tmp_path_factory, values):
    try:
        verslag = build(values)
    except kd.WaardeFout as e:  # at once, in Dutch, naming the class and the field
        assert re.match(r"[A-Z]\w+\.\w+", str(e)) and e.melding, str(e)
        event("geweigerd bij het aanmaken")
        return
    event("opgemaakt")
    tmp = tmp_path_factory.mktemp("plain")
    doc = Document(kd.render_docx(verslag, tmp / "v.docx"))
    kd.render_pdf(verslag, tmp / "v.pdf", max_pages=None)
    word = squeeze(
        "".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    )
    pdf = squeeze("".join(page.extract_text() for page in PdfReader(tmp / "v.pdf").pages))
    teksten = list(iter_texts(verslag))
    assert [pad for pad, t in teksten if squeeze(t) not in word] == []
    assert [pad for pad, t in teksten if RUNNING.search(pad) and squeeze(t) not in pdf] == []

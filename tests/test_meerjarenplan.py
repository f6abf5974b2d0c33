"""The meerjarenplan as a document of its own: model, loading, rules, Word, PDF, preview, batch, CLI.

The plan fixture (fixtures/veerhuis) is the independent source: its YAML, read with PyYAML, says
what each card must hold; the Word file is read back with python-docx, the PDF with pypdf.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, soffice_to_pdf
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from strategies import periodes, tekst

import kkfz_docs as kd
from kkfz_docs.render import outline
from kkfz_docs.sections.themas import THEMA_NAMEN
from kkfz_docs.values import Periode, Pijler

VEERHUIS = ROOT / "fixtures" / "veerhuis"
PLAN = VEERHUIS / "meerjarenplan-2023-2026.yaml"


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def plan_data() -> dict:
    """The plan fixture as plain data, a fresh copy."""
    return copy.deepcopy(yaml.safe_load(PLAN.read_text(encoding="utf-8")))


def speerpunten(data: dict) -> list[tuple[int, dict]]:
    """(pijler, speerpunt) of every speerpunt in the data, in pijler order."""
    return [(p["nummer"], sp) for p in sorted(data["pijlers"], key=lambda p: p["nummer"]) for sp in p["speerpunten"]]


def findings(data: dict) -> list[kd.Bevinding]:
    return kd.check(kd.load(data), max_pages=None)


def at(data: dict, pad: str) -> list[kd.Bevinding]:
    return [b for b in findings(data) if b.pad == pad]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan")
    plan = kd.load(PLAN)
    docx = kd.render_docx(plan, out / "plan.docx")
    info = kd.render_pdf(plan, out / "plan.pdf")
    return plan, docx, info


# --- model and loading -------------------------------------------------------------------------------


def test_a_file_that_says_soort_meerjarenplan_loads_as_a_meerjarenplan():
    plan = kd.load(PLAN)
    assert isinstance(plan, kd.Meerjarenplan)
    assert plan.periode == Periode(2023, 2026)
    assert len(plan.speerpunten) == len(speerpunten(plan_data())) == 13
    assert {p.nummer for p in plan.pijlers} == set(Pijler)


def test_a_speerpunt_without_a_code_is_numbered_by_its_pijler_and_place():
    data = plan_data()
    for sp in data["pijlers"][1]["speerpunten"]:
        del sp["code"]
    plan = kd.load(data)
    assert [sp.code for sp in plan.pijlers[1].speerpunten] == ["2.1", "2.2", "2.3"]


def test_a_code_typed_without_quotes_is_read_as_typed(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.read_text(encoding="utf-8").replace('code: "1.2"', "code: 1.10"), encoding="utf-8")
    assert kd.load(path).pijlers[0].speerpunten[1].code == "1.10"  # not the number 1.1


def test_a_deadline_that_is_no_year_quarter_or_range_is_refused():
    data = plan_data()
    data["pijlers"][0]["speerpunten"][0]["deadline"] = "Afgerond jan 2025"
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(data)
    assert [f.pad for f in e.value.fouten] == ["pijlers[0].speerpunten[0].deadline"]


@pytest.mark.parametrize("deadline", ["Q4 2024", "2025", "2024-2025", "2024/2025", "Q1 2024-Q2 2025"])
def test_a_deadline_may_be_a_year_a_quarter_or_a_range(deadline):
    data = plan_data()
    data["pijlers"][0]["speerpunten"][0]["deadline"] = deadline
    assert kd.load(data).pijlers[0].speerpunten[0].deadline == Periode.parse(deadline)


def test_a_periode_written_as_on_a_cover_is_read():
    data = plan_data()
    data["periode"] = "2023|2026"  # as a provider's plan writes it on its cover
    assert kd.load(data).periode == Periode(2023, 2026)
    data["periode"] = "vanaf 2023"
    with pytest.raises(kd.OngeldigVerslag, match="periode"):
        kd.load(data)


def test_an_unknown_soort_is_a_fout_naming_the_field():
    data = plan_data()
    data["soort"] = "jaarplan"
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(data)
    [f] = e.value.fouten
    assert f.pad == "soort" and "'soort: meerjarenplan'" in f.melding and "'soort: kwaliteitsverslag'" in f.melding


def test_a_verslag_may_say_soort_kwaliteitsverslag(data):
    data["soort"] = "Kwaliteitsverslag"
    assert isinstance(kd.load(data), kd.Kwaliteitsverslag)


def test_a_plan_without_soort_is_told_to_say_so():
    data = plan_data()
    del data["soort"]
    with pytest.raises(kd.OngeldigVerslag, match="soort: meerjarenplan"):
        kd.load(data)


def test_a_pijler_twice_in_a_plan_is_a_fout_but_one_may_be_left_out():
    data = plan_data()
    data["pijlers"].append({"nummer": 2, "speerpunten": []})
    with pytest.raises(kd.OngeldigVerslag, match="pijler 2 staat er meer dan één keer in"):
        kd.load(data)
    data = plan_data()
    del data["pijlers"][4]
    assert Pijler(5) not in {p.nummer for p in kd.load(data).pijlers}


def test_a_plan_can_be_built_in_python():
    plan = kd.Meerjarenplan(
        periode="2025-2028",
        organisatie=kd.Organisatie(naam="Stichting Proef"),
        pijlers=[kd.PlanPijler(nummer=3, speerpunten=[kd.Speerpunt(titel="Audit", deadline="Q3 2026")])],
    )
    assert plan.speerpunt("3.1")[1].deadline == Periode.parse("Q3 2026")
    assert kd.check(plan) == []


# --- rules: each one triggered, and not ------------------------------------------------------------


def test_the_plan_fixture_has_no_findings():
    assert kd.check(PLAN) == []


def test_a_speerpunt_without_titel_is_a_fout():
    data = plan_data()
    data["pijlers"][2]["speerpunten"][0]["titel"] = " "
    [b] = at(data, "pijlers[2].speerpunten[0].titel")
    assert b.is_fout and "3.1" in b.melding


def test_two_speerpunten_with_one_code_is_a_fout_at_the_second():
    data = plan_data()
    data["pijlers"][1]["speerpunten"][2]["code"] = "2.1"
    [b] = at(data, "pijlers[1].speerpunten[2].code")
    assert b.is_fout and "pijlers[1].speerpunten[0]" in b.melding


def test_a_code_left_out_may_not_collide_with_one_typed():
    data = plan_data()
    data["pijlers"][1]["speerpunten"][0]["code"] = "2.2"  # the second one, without a code, is 2.2 too
    del data["pijlers"][1]["speerpunten"][1]["code"]
    [b] = at(data, "pijlers[1].speerpunten[1].code")
    assert b.is_fout


def test_a_deadline_outside_the_periode_is_a_warning():
    data = plan_data()
    data["pijlers"][3]["speerpunten"][1]["deadline"] = "2025-2027"
    [b] = at(data, "pijlers[3].speerpunten[1].deadline")
    assert not b.is_fout and "2023-2026" in b.melding and "4.2" in b.melding


def test_a_deadline_at_the_edge_of_the_periode_is_fine():
    data = plan_data()
    data["pijlers"][3]["speerpunten"][1]["deadline"] = "Q1 2023-Q4 2026"
    assert at(data, "pijlers[3].speerpunten[1].deadline") == []


def test_a_speerpunt_without_deadline_is_a_warning():
    data = plan_data()
    del data["pijlers"][0]["speerpunten"][2]["deadline"]
    [b] = at(data, "pijlers[0].speerpunten[2].deadline")
    assert not b.is_fout


def test_a_plan_without_speerpunten_is_a_warning():
    data = plan_data()
    for p in data["pijlers"]:
        p["speerpunten"] = []
    [b] = at(data, "pijlers")
    assert not b.is_fout


# --- the plan in Word and PDF ---------------------------------------------------------------------


def parts(sp: dict) -> list[str]:
    """Every part of a speerpunt as it prints, in card order."""
    verantwoordelijken = sp.get("verantwoordelijken", [])
    rollen = (
        verantwoordelijken[0]
        if len(verantwoordelijken) == 1
        else "; ".join(f"{i}. {v}" for i, v in enumerate(verantwoordelijken, 1))
    )
    themas = "; ".join(f"{n}. {THEMA_NAMEN[n][0]}" for n in sp.get("themas", []))
    return [
        f"{sp['code']} {sp['titel']}",
        f"Deadline: {sp['deadline']}",
        *([f"Verantwoordelijken: {rollen}"] if verantwoordelijken else []),
        norm(sp["toelichting"]),
        *(["Risico's", *sp["risicos"]] if sp.get("risicos") else []),
        *(["Acties", *sp["acties"]] if sp.get("acties") else []),
        *([f"Thema's: {themas}"] if themas else []),
    ]


def test_word_has_every_speerpunt_as_a_card_with_all_its_parts(rendered):
    _plan, docx, _info = rendered
    cards = [t for t in Document(docx).tables if t.style.name == "Kaart"]
    expected = speerpunten(plan_data())
    assert len(cards) == len(expected)
    for card, (_pijler, sp) in zip(cards, expected, strict=True):
        assert len(card.rows) == 1 and len(card.columns) == 1
        assert card.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None  # kept on one page
        cell = card.cell(0, 0)
        texts = [norm(p.text) for p in cell.paragraphs if p.text.strip()]
        assert texts == parts(sp)
        assert cell.paragraphs[0].style.name == "Heading 3"
        labels = [r.text for p in cell.paragraphs for r in p.runs if r.style is not None and r.style.name == "Strong"]
        assert "Deadline:" in labels


def test_word_lists_the_speerpunten_in_an_overview_table(rendered):
    _plan, docx, _info = rendered
    overview = next(t for t in Document(docx).tables if t.style.name != "Kaart")
    rows = [[norm(c.text) for c in r.cells] for r in overview.rows]
    assert rows[0] == ["Code", "Speerpunt", "Deadline", "Eerst verantwoordelijk"]
    assert rows[1:] == [
        [sp["code"], sp["titel"], str(sp["deadline"]), sp["verantwoordelijken"][0]]
        for _p, sp in speerpunten(plan_data())
    ]


def pdf_pages(path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def test_pdf_has_every_speerpunt_with_all_its_parts_in_order(rendered):
    _plan, _docx, info = rendered
    text = " ".join(pdf_pages(info.pad))
    position = 0
    for _pijler, sp in speerpunten(plan_data()):
        for part in parts(sp):
            found = text.find(part, position)
            assert found >= 0, f"niet (op volgorde) in de PDF: {part!r}"
            position = found + len(part)


def test_pdf_keeps_each_card_on_one_page(rendered):
    _plan, _docx, info = rendered
    pages = pdf_pages(info.pad)
    for _pijler, sp in speerpunten(plan_data()):
        first, last = parts(sp)[0], parts(sp)[-1]
        assert any(first in page and last in page for page in pages), sp["code"]


def test_pdf_bookmarks_each_speerpunt_under_its_pijler(rendered):
    from test_pdf_tags import outline as bookmarks

    _plan, _docx, info = rendered
    reader = PdfReader(info.pad)
    entries = bookmarks(reader)
    cards = [(level, title, page) for level, title, page in entries if level == 2]
    assert [title for _l, title, _p in cards] == [f"{sp['code']} {sp['titel']}" for _p, sp in speerpunten(plan_data())]
    for _level, title, page in cards:
        assert title in norm(reader.pages[page].extract_text())
    speerpunten_koppen = [t for lvl, t, _p in entries if lvl == 1 and t.startswith("Speerpunten ")]
    assert len(speerpunten_koppen) == 5


def test_pdf_structure_has_a_div_per_card_with_its_heading(rendered):
    from test_pdf_tags import children, elements

    _plan, _docx, info = rendered
    divs = [e for e in elements(PdfReader(info.pad)) if e["/S"] == "/Div"]
    assert len(divs) == 13
    assert all(children(div, "/H3") for div in divs)


def test_a_plan_has_no_page_limit_unless_asked(rendered, tmp_path):
    plan, _docx, info = rendered
    assert info.pages > 4 and info.max_pages is None
    with pytest.raises(kd.PaginaLimietOverschreden):
        kd.render_pdf(plan, tmp_path / "kort.pdf", max_pages=4)
    assert not (tmp_path / "kort.pdf").exists()
    assert not any("pagina" in b.melding for b in kd.check(plan))
    assert any("pagina's" in b.melding for b in kd.check(plan, max_pages=4))


def test_a_card_longer_than_a_page_breaks_over_pages(tmp_path):
    data = plan_data()
    data["pijlers"][0]["speerpunten"][0]["acties"] = [f"Actie {i}: " + "woord " * 25 for i in range(60)]
    info = kd.render_pdf(kd.load(data), tmp_path / "lang.pdf")
    pages = pdf_pages(info.pad)
    first = next(i for i, p in enumerate(pages) if "Actie 0:" in p)
    last = next(i for i, p in enumerate(pages) if "Actie 59:" in p)
    assert last > first


def test_a_card_longer_than_a_page_breaks_in_word_too_without_leaving_its_heading_alone(tmp_path):
    """A card's row may not split, so Word keeps a card on one page where it fits; one longer than a
    page breaks (LibreOffice moved it to a new page and left the heading before it alone on a page)."""
    data = plan_data()
    speerpunten = data["pijlers"][1]["speerpunten"]
    speerpunten[0]["acties"] = [f"Actie {i}: " + "woord " * 25 for i in range(40)]
    plan = kd.load(data)
    info = kd.render_pdf(plan, tmp_path / "lang.pdf")
    docx = kd.render_docx(plan, tmp_path / "lang.docx")
    cards = [t._tbl for t in Document(docx).tables if t.style.name == "Kaart"]
    splits = [len(list(card.iter(qn("w:cantSplit")))) for card in cards]
    long_card = next(i for i, card in enumerate(cards) if "Actie 39:" in "".join(card.itertext()))
    assert splits[long_card] == 0 and sum(splits) == len(cards) - 1  # the others stay whole
    shown = [page.extract_text() for page in PdfReader(soffice_to_pdf(docx, tmp_path)).pages]
    assert len(shown) == info.pages
    assert all(len(text.split()) > 20 for text in shown)  # no page with only a heading on it


def test_word_and_pdf_headings_follow_the_outline(rendered):
    from test_outline import pdf_headings, word_blocks

    from kkfz_docs.render import layout as L
    from kkfz_docs.render.context_plan import build

    plan, docx, info = rendered
    expected = {1: [], 2: [], 3: []}
    for node, scope in outline.walk(outline.MEERJARENPLAN, outline.Scope(build(plan))):
        if isinstance(node, outline.Chapter):
            expected[1].append(outline.fill(scope, node.titel))
        elif isinstance(node, outline.Heading):
            expected[node.niveau].append(outline.fill(scope, node.tekst))
        elif isinstance(node, outline.Card):
            expected[3] += [outline.fill(scope, n.tekst) for n in node.body if isinstance(n, outline.Heading)]
    blocks = word_blocks(docx)
    for level in (1, 2):
        assert [t for s, t in blocks if s == f"Heading{level}"] == expected[level]
        assert pdf_headings(info.pad, L.HEADINGS[f"h{level}"][0]) == expected[level]
    assert len(expected[3]) == 13


def test_libreoffice_opens_the_plan_and_shows_every_card(rendered, tmp_path):
    _plan, docx, _info = rendered
    text = norm(" ".join(p.extract_text() for p in PdfReader(soffice_to_pdf(docx, tmp_path)).pages))
    for _pijler, sp in speerpunten(plan_data()):
        assert f"{sp['code']} {sp['titel']}" in text and sp["acties"][-1] in text


def test_a_heading_stays_with_the_first_rows_of_a_table_too_long_for_the_page_as_in_word(rendered, tmp_path):
    """Keep-with-next keeps a heading with the first rows of a long table, not with all of it: the
    overview starts on page 1 under its heading in both files (ReportLab moved both to page 2)."""
    _plan, docx, info = rendered
    [(_p, first), *_, (_q, last)] = speerpunten(plan_data())
    for pdf in (info.pad, soffice_to_pdf(docx, tmp_path)):
        pages = [norm(p.extract_text()) for p in PdfReader(pdf).pages]
        assert "Speerpunten in het kort" in pages[0], pdf.name
        assert f"{first['code']} {first['titel']}" in pages[0], pdf.name  # its first row under it
        assert f"{last['code']} {last['titel']}" in pages[1], pdf.name  # the table goes on over the page


def test_the_plan_template_is_exported_and_restyled_in_word(tmp_path):
    sjabloon = kd.export_template(tmp_path / "plan-sjabloon.docx", soort="meerjarenplan")
    doc = Document(sjabloon)
    assert doc.core_properties.title == "Meerjarenplan"
    kaart = doc.styles["Kaart"]
    for border in kaart.element.iter(qn("w:top"), qn("w:left"), qn("w:bottom"), qn("w:right")):
        if border.get(qn("w:val")) == "single":
            border.set(qn("w:color"), "8B1A1A")
    doc.save(sjabloon)
    plan = kd.load(PLAN)
    word = kd.render_docx(plan, tmp_path / "plan.docx", template=sjabloon)
    info = kd.render_pdf(plan, tmp_path / "plan.pdf", template=sjabloon)
    cards = [t for t in Document(word).tables if t.style.name == "Kaart"]
    assert len(cards) == 13
    colours = {
        b.get(qn("w:color")) for b in Document(word).styles["Kaart"].element.iter(qn("w:top")) if b.get(qn("w:color"))
    }
    assert colours == {"8B1A1A"}
    content = b"".join(page.get_contents().get_data() for page in PdfReader(info.pad).pages)
    assert re.search(rb"0?\.545\d* 0?\.101\d* 0?\.101\d* RG", content)  # 8B1A1A as the cards' stroke colour


def test_a_verslag_template_for_a_plan_says_which_template_to_use(tmp_path):
    with pytest.raises(kd.SjabloonFout, match="template --meerjarenplan"):
        kd.render_docx(kd.load(PLAN), tmp_path / "x.docx", template=kd.export_template(tmp_path / "v.docx"))


# --- round trip, preview, batch, command line -------------------------------------------------------


def test_the_plan_round_trips_through_to_data_yaml_and_json(tmp_path):
    import json

    plan = kd.load(PLAN)
    data = kd.to_data(plan)
    assert data["soort"] == "meerjarenplan" and next(iter(data)) == "soort"
    assert kd.load(data) == plan
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert kd.load(tmp_path / "p.yaml") == plan
    (tmp_path / "p.json").write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    assert kd.load(tmp_path / "p.json") == plan


regels = st.lists(tekst, max_size=3).map(tuple)
plannen = st.builds(
    kd.Meerjarenplan,
    periode=periodes(),
    organisatie=st.builds(kd.Organisatie, naam=tekst),
    pijlers=st.lists(st.sampled_from(list(Pijler)), unique=True, max_size=5).flatmap(
        lambda nummers: st.tuples(
            *(
                st.builds(
                    kd.PlanPijler,
                    nummer=st.just(n),
                    inleiding=tekst,
                    speerpunten=st.lists(
                        st.builds(
                            kd.Speerpunt,
                            titel=tekst,
                            toelichting=tekst,
                            risicos=regels,
                            verantwoordelijken=regels,
                            deadline=st.none() | periodes(),
                            acties=regels,
                            themas=st.lists(st.integers(1, 14), max_size=2).map(tuple),
                        ),
                        max_size=3,
                    ).map(tuple),
                )
                for n in nummers
            )
        )
    ),
    inleiding=tekst,
)


@settings(max_examples=40, deadline=None)
@given(plannen)
def test_any_plan_round_trips_and_checks_without_crashing(plan):
    assert kd.load(kd.to_data(plan)) == plan
    for b in kd.check(plan, max_pages=None):
        assert b.melding


@settings(max_examples=5, deadline=None)
@given(plannen)
def test_any_plan_renders_to_pdf(tmp_path_factory, plan):
    info = kd.render_pdf(plan, tmp_path_factory.mktemp("p") / "p.pdf")
    assert info.pages >= 1


def test_the_notebook_preview_shows_the_cards_and_the_findings():
    plan = kd.load(PLAN)
    html = plan._repr_html_()
    assert html.count("border:1px solid") == 13
    assert "1.1 Werken volgens RNR en Good Lives Model" in html and "Geen bevindingen" in html
    data = plan_data()
    data["pijlers"][0]["speerpunten"][0]["titel"] = ""
    assert "heeft geen titel" in kd.load(data)._repr_html_()


def test_a_batch_renders_plans_and_verslagen_together(tmp_path):
    resultaten = kd.render_many([VEERHUIS], tmp_path / "uit", jobs=1)
    assert {r.bestand.name: r.status for r in resultaten} == {
        "kwaliteitsverslag-2023.yaml": "ok",
        "kwaliteitsverslag-2024.yaml": "ok",
        "meerjarenplan-2023-2026.yaml": "ok",
    }
    plan = next(r for r in resultaten if r.bestand == PLAN)
    assert plan.paginas == len(PdfReader(tmp_path / "uit" / "meerjarenplan-2023-2026.pdf").pages) > 4


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_cli_new_meerjarenplan_writes_a_skeleton_that_only_asks_to_be_filled_in(tmp_path):
    result = run("new", "--meerjarenplan", "--periode", "2025-2028", "--organisatie", "Stichting Proef", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = kd.load(tmp_path / "meerjarenplan-2025-2028.yaml")
    assert isinstance(plan, kd.Meerjarenplan) and plan.periode == Periode(2025, 2028)
    assert plan.organisatie.naam == "Stichting Proef" and [p.nummer.value for p in plan.pijlers] == [1, 2, 3, 4, 5]
    assert [b.pad for b in kd.check(plan) if b.is_fout] == ["pijlers[0].speerpunten[0].titel"]


def test_cli_new_meerjarenplan_refuses_a_periode_that_is_none(tmp_path):
    result = run("new", "--meerjarenplan", "--periode", "binnenkort", cwd=tmp_path)
    assert result.returncode == 2 and "--periode" in result.stderr and "Traceback" not in result.stderr


def test_cli_template_meerjarenplan_and_check_and_render_of_a_plan(tmp_path):
    result = run("template", "--meerjarenplan", cwd=tmp_path)
    assert result.returncode == 0 and Document(tmp_path / "meerjarenplan-sjabloon.docx").styles["Kaart"]
    assert run("check", PLAN).returncode == 0
    result = run(
        "render", PLAN, "-o", tmp_path / "uit", "--sjabloon-meerjarenplan", tmp_path / "meerjarenplan-sjabloon.docx"
    )
    assert result.returncode == 0, result.stderr
    assert Path(tmp_path / "uit" / "meerjarenplan-2023-2026.docx").exists()

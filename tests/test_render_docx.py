"""render_docx(): real .docx files, read back with python-docx and opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import FIXTURES, minimaal, soffice_to_pdf
from docx import Document
from PIL import Image
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.render.docx import default_template, tpl_text
from kkfz_docs.text import paragraphs, strip_control_characters

HOOFDSTUKKEN = [
    "Algemene informatie",
    "Pijler 1: Veiligheid en persoonsgerichte zorg",
    "Pijler 2: Forensisch vakmanschap",
    "Pijler 3: Organisatie van zorg",
    "Pijler 4: Samenwerken",
]


@pytest.fixture(scope="module")
def rendered(rendered_fixtures):
    """Each fixture rendered once: {stem: (verslag, path)}."""
    return {stem: (r.verslag, r.docx) for stem, r in rendered_fixtures.items()}


def body_text(doc) -> str:
    parts = []
    for block in doc.element.body.iter():
        if block.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
    return "\n".join(parts)


def expected_texts(verslag) -> list[str]:
    """Every text of the verslag that must be printed, as the reader sees it."""
    from kkfz_docs.text import iter_texts

    texts = []
    for pad, text in iter_texts(verslag):
        if pad.endswith(".logo") or not text.strip():
            continue
        texts += paragraphs(strip_control_characters(text))
    return texts


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_text_of_the_fixture_is_in_the_word_file(rendered, fixture):
    verslag, path = rendered[fixture.stem]
    text = body_text(Document(path))
    missing = [t for t in expected_texts(verslag) if t not in text]
    assert missing == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_sections_follow_the_handreikings_order_as_headings(rendered, fixture):
    _, path = rendered[fixture.stem]
    doc = Document(path)
    kop1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [k for k in kop1 if k in HOOFDSTUKKEN] == HOOFDSTUKKEN
    for later in ("Prestatie-indicatoren", "Spinnenweb KKFZ", "Thema's"):
        if later in kop1:
            assert kop1.index(later) > kop1.index(HOOFDSTUKKEN[-1])


def test_each_pijler_text_sits_under_its_own_heading(rendered):
    verslag, path = rendered["a_kortewind"]
    text = body_text(Document(path))
    starts = [text.index(h) for h in HOOFDSTUKKEN[1:]] + [len(text)]
    for i, pijler in enumerate(verslag.pijlers_op_volgorde):
        section = text[starts[i] : starts[i + 1]]
        assert paragraphs(pijler.algemeen_beeld)[0] in section
        assert pijler.ontwikkelpunten[0].omschrijving in section


def test_numbers_are_formatted_in_dutch(rendered):
    _, path = rendered["a_kortewind"]
    text = body_text(Document(path))
    assert "38,9%" in text  # 35 of 90 clients
    assert "€\xa01.495.580" in text
    assert "€\xa03.647.127" in text
    assert "31 december 2024" in text
    assert "14 mei 2025" in text
    assert "Q2 2025" in text


def test_footer_has_page_x_of_y_fields(rendered):
    _, path = rendered["a_kortewind"]
    footer = Document(path).sections[0].footer._element.xml
    assert "Pagina" in footer and " PAGE " in footer and " NUMPAGES " in footer


def test_header_names_organisation_and_year(rendered):
    _, path = rendered["a_kortewind"]
    header = Document(path).sections[0].header.paragraphs[0].text
    assert header == "Stichting Kortewind Wonen & Begeleiding · Kwaliteitsverslag 2024"


def test_core_properties_describe_the_verslag(rendered):
    from kkfz_docs.render.core_properties import core_namespace

    _, path = rendered["a_kortewind"]
    with core_namespace():  # python-docx reads them by the same prefix that docxcompose may remap
        props = Document(path).core_properties
        assert props.author == "Stichting Kortewind Wonen & Begeleiding"
        assert props.title == "Kwaliteitsverslag 2024 Stichting Kortewind Wonen & Begeleiding"
        assert props.language == "nl-NL"
        assert "KKFZ" in props.keywords and "2024" in props.subject
        assert "python-docx" not in (props.author, props.last_modified_by)
        assert abs(props.created - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)


def test_page_is_a4(rendered):
    _, path = rendered["b_middenveld"]
    section = Document(path).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_spinnenweb_is_a_word_chart_not_a_picture(rendered):
    """Was: the spinnenweb is a PNG of at least 200 dpi. Now Word draws it itself (tests/test_chart.py)."""
    _, path = rendered["a_kortewind"]
    [shape] = Document(path).inline_shapes
    assert shape._inline.graphic.graphicData.uri.endswith("/drawingml/2006/chart")
    with zipfile.ZipFile(path) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")] == []
        assert [n for n in z.namelist() if n.startswith("word/charts/chart")] == ["word/charts/chart1.xml"]


def test_absent_optional_parts_leave_no_trace(tmp_path):
    path = kd.render_docx(kd.load(minimaal()), tmp_path / "min.docx")
    doc = Document(path)
    kop = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for absent in ("Inleiding", "Spinnenweb KKFZ", "Thema's", "Omzet 2024", "Doelen uit het meerjarenplan"):
        assert absent not in kop
    assert all(p.text.strip() for p in doc.paragraphs if p.style.name == "List Bullet")
    assert all(p.text.strip() for p in doc.paragraphs if p.style.name.startswith("Heading"))
    assert "{" not in body_text(doc)
    assert not doc.inline_shapes


def test_blank_line_starts_a_new_word_paragraph(tmp_path):
    data = minimaal()
    data["algemene_informatie"]["visie"] = "Eerste alinea,\nnog steeds de eerste.\n\nTweede alinea."
    doc = Document(kd.render_docx(kd.load(data), tmp_path / "v.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "Eerste alinea, nog steeds de eerste." in texts and "Tweede alinea." in texts


def test_percentage_nvt_when_there_are_no_clients(tmp_path):
    data = minimaal()
    data["algemene_informatie"]["clienten"] = {"forensische_zorg": 0}
    text = body_text(Document(kd.render_docx(kd.load(data), tmp_path / "v.docx")))
    assert "het percentage forensische zorg is n.v.t." in text


HOSTILE = "R&D <b>vet</b> {{ x }} {% if %} {_{ y }_} \"citaat\" 'quote'\tna tab\x0bna regeleinde\x07 🎉 مرحبا > 3"


def test_hostile_text_comes_out_literally_without_control_characters(tmp_path):
    data = minimaal()
    data["organisatie"]["naam"] = HOSTILE
    data["algemene_informatie"]["visie"] = HOSTILE
    data["pijlers"][0]["successen"] = [HOSTILE, "a & b < c"]
    verslag = kd.load(data)
    assert any("stuurtekens" in b.melding for b in kd.check(verslag))
    doc = Document(kd.render_docx(verslag, tmp_path / "v.docx"))
    # The bell is removed; Word's manual line break (\x0b) is a line break (python-docx reads a w:br
    # as "\n"), except in a name on one line: the header and the author.
    clean = HOSTILE.replace("\x07", "").replace("\x0b", "\n")
    texts = [p.text for p in doc.paragraphs]
    assert clean in texts  # visie
    assert texts.count(clean) >= 2  # visie and the succes
    assert "a & b < c" in texts
    op_een_regel = clean.replace("\n", " ")
    assert doc.sections[0].header.paragraphs[0].text.startswith(op_een_regel)
    assert doc.core_properties.author == op_een_regel
    # Markup characters after the vertical tab survive too (the known docxtpl trap).
    assert "na regeleinde 🎉 مرحبا > 3" in body_text(doc)


def test_custom_template_with_a_typo_fails_naming_the_tag_and_writes_nothing(tmp_path):
    sjabloon = tmp_path / "huisstijl.docx"
    kd.export_template(sjabloon)
    doc = Document(sjabloon)
    for p in doc.paragraphs:
        if p.text == "{{ titel }}":
            p.runs[0].text = "{{ titell }}"
    doc.save(sjabloon)
    doel = tmp_path / "verslag.docx"
    doel.write_bytes(b"een goed bestand")
    with pytest.raises(kd.SjabloonFout, match=r"'titell' in \{\{ titell \}\}"):
        kd.render_docx(kd.load(minimaal()), doel, template=sjabloon)
    assert doel.read_bytes() == b"een goed bestand"
    assert {p.name for p in tmp_path.iterdir()} == {"huisstijl.docx", "verslag.docx"}


def test_custom_template_restyled_in_word_is_used(tmp_path):
    sjabloon = tmp_path / "huisstijl.docx"
    kd.export_template(sjabloon)
    doc = Document(sjabloon)
    doc.styles["Heading 1"].font.name = "Georgia"
    doc.add_paragraph("Eigen slottekst van {{ organisatie.naam | upper }}")
    doc.save(sjabloon)
    out = Document(kd.render_docx(kd.load(minimaal()), tmp_path / "v.docx", template=sjabloon))
    assert out.styles["Heading 1"].font.name == "Georgia"
    assert "Eigen slottekst van STICHTING PROEF" in [p.text for p in out.paragraphs]


def test_custom_template_can_use_raw_data_and_filters(tmp_path):
    sjabloon = tmp_path / "huisstijl.docx"
    doc = Document()
    doc.add_paragraph(
        "{{ gegevens.algemene_informatie.clienten.anders_gefinancierd.WMO | getal }} / "
        "{{ 21.875 | procent }} / {{ 1495580 | euro }} / {{ gegevens.verslagjaar }}"
    )
    doc.save(sjabloon)
    out = Document(kd.render_docx(kd.load(minimaal()), tmp_path / "v.docx", template=sjabloon))
    assert out.paragraphs[0].text == "25 / 21,9% / €\xa01.495.580 / 2024"


@pytest.mark.parametrize("inhoud", [None, b"geen word"])
def test_missing_or_broken_template_is_refused_in_dutch(tmp_path, inhoud):
    sjabloon = tmp_path / "huisstijl.docx"
    if inhoud:
        sjabloon.write_bytes(inhoud)
    with pytest.raises(kd.SjabloonFout, match=r"bestaat niet|geen Word-bestand"):
        kd.render_docx(kd.load(minimaal()), tmp_path / "v.docx", template=sjabloon)
    assert not (tmp_path / "v.docx").exists()


def test_failed_render_leaves_an_existing_file_untouched(tmp_path, monkeypatch):
    doel = tmp_path / "verslag.docx"
    kd.render_docx(kd.load(minimaal()), doel)
    before = doel.read_bytes()
    from kkfz_docs.render import docx as docx_module

    def kapot(*_args, **_kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(docx_module.DocxTemplate, "save", kapot)
    with pytest.raises(OSError):
        kd.render_docx(kd.load(minimaal()), doel)
    assert doel.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["verslag.docx"]


def test_committed_template_matches_the_build_script(tmp_path):
    sys.path.insert(0, str(FIXTURES[0].parent.parent / "scripts"))
    import build_template

    fresh = build_template.build(tmp_path / "vers.docx")
    assert tags(tpl_text(fresh)) == tags(tpl_text(default_template()))
    # The measures of render/layout.py too: every part (styles, page, table grids) as the script makes it.
    with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(default_template()) as committed:
        assert new.namelist() == committed.namelist()
        stale = [name for name in new.namelist() if new.read(name) != committed.read(name)]
    assert stale == [], "python scripts/build_template.py"


def tags(text: str) -> list[str]:
    return re.findall(r"\{[{%].*?[%}]\}", text)


def template_variables() -> set[str]:
    """Every variable the default template uses, with loop variables resolved to their lists."""
    doc = Document(default_template())
    bindings: list[tuple[str, str]] = []
    names: set[str] = set()
    keywords = {"for", "in", "if", "endif", "endfor", "not", "or", "and", "p", "tr", "tc", "else", "upper"}
    for p in doc.element.body.iter():
        if not p.tag.endswith("}p"):
            continue
        text = "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
        for tag in tags(text):
            inner = tag[2:-2]
            loop = re.match(r"\s*(?:p|tr|tc)?\s*for (\w+) in ([\w.]+)", inner)
            found = re.findall(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", inner)
            if loop:
                found = [loop.group(2)]
            for name in found:
                if name in keywords:
                    continue
                head, _, rest = name.partition(".")
                for var, lijst in reversed(bindings):
                    if head == var:
                        name = f"{lijst}[]" + (f".{rest}" if rest else "")
                        break
                names.add(name)
            if loop:
                bindings.append((loop.group(1), _resolve(loop.group(2), bindings)))
            elif re.match(r"\s*(?:p|tr|tc)?\s*endfor", inner):
                bindings.pop()
    return names


def _resolve(name: str, bindings) -> str:
    head, _, rest = name.partition(".")
    for var, lijst in reversed(bindings):
        if head == var:
            return f"{lijst}[]" + (f".{rest}" if rest else "")
    return name


def test_every_template_variable_is_documented():
    documented = set(re.findall(r"`([^`\s]+)`", (FIXTURES[0].parent.parent / "docs" / "sjabloon.md").read_text()))
    variables = template_variables()
    assert "pijlers[].doelen[].status" in variables  # the resolver works
    missing = {v for v in variables if not any(d == v or d.startswith((f"{v}[]", f"{v}.")) for d in documented)}
    assert missing == set()


def test_libreoffice_opens_and_converts_every_fixture(rendered, tmp_path):
    for stem, (verslag, path) in rendered.items():
        pdf = soffice_to_pdf(path, tmp_path)
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert verslag.organisatie.naam.split()[0] in text, stem
        assert "Pijler 4" in text


def test_cli_render_refuses_a_verslag_with_fouten_unless_forced(tmp_path):
    data = minimaal()
    data["algemene_informatie"]["visie"] = ""
    import yaml

    bron = tmp_path / "v.yaml"
    bron.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = [sys.executable, "-m", "kkfz_docs.cli", "render", str(bron), "-o", str(tmp_path / "uit")]
    refused = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "--forceer" in refused.stderr and "algemene_informatie.visie" in refused.stdout
    assert not (tmp_path / "uit" / "v.docx").exists()
    forced = subprocess.run([*run, "--forceer"], capture_output=True, text=True, timeout=120)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert (tmp_path / "uit" / "v.docx").exists()


def test_cli_template_then_render_with_it(tmp_path):
    sjabloon = tmp_path / "huisstijl.docx"
    cli = [sys.executable, "-m", "kkfz_docs.cli"]
    assert subprocess.run([*cli, "template", "-o", str(sjabloon)], timeout=60).returncode == 0
    result = subprocess.run(
        [*cli, "render", str(FIXTURES[1]), "-o", str(tmp_path), "--docx", "--sjabloon", str(sjabloon)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert Document(tmp_path / f"{FIXTURES[1].stem}.docx").core_properties.author == "Zorgcoöperatie Middenveld U.A."


def test_logo_is_placed_above_the_title(tmp_path):
    import yaml

    Image.new("RGB", (300, 100), "teal").save(tmp_path / "logo.png")
    data = minimaal()
    data["organisatie"]["logo"] = "logo.png"
    bron = tmp_path / "v.yaml"
    bron.write_text(yaml.safe_dump(data), encoding="utf-8")
    doc = Document(kd.render_docx(kd.load(bron), tmp_path / "v.docx"))
    assert len(doc.inline_shapes) == 1
    assert doc.paragraphs[1].text == "Kwaliteitsverslag 2024"


def test_a_very_long_organisation_name_fits_the_core_properties(tmp_path):
    data = minimaal()
    data["organisatie"]["naam"] = "Stichting " + "Zeer Lange Naam " * 30
    doc = Document(kd.render_docx(kd.load(data), tmp_path / "v.docx"))
    assert len(doc.core_properties.title) == 255 and doc.core_properties.title.endswith("…")
    assert doc.paragraphs[1].text == data["organisatie"]["naam"].strip()  # the text itself is whole


def test_an_indicator_without_number_or_name_still_gets_a_heading(tmp_path):
    data = minimaal()
    data["prestatie_indicatoren"] = [{"nummer": "", "naam": "", "toelichting": "Uitleg.", "kengetallen": {"a": 1}}]
    doc = Document(kd.render_docx(kd.load(data), tmp_path / "v.docx"))
    assert all(p.text.strip() for p in doc.paragraphs if p.style.name.startswith("Heading"))
    assert "Indicator" in [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]


def test_running_out_of_memory_while_opening_the_template_is_not_blamed_on_the_template(monkeypatch):
    """Under a low memory limit python-docx can fail to open even the bundled template: that is the
    limit's doing (the worker reports it), not a template 'kkfz-docs cannot read'."""
    from docxtpl import DocxTemplate

    from kkfz_docs.render import docx as word

    def out_of_memory(self):
        raise MemoryError

    monkeypatch.setattr(DocxTemplate, "init_docx", out_of_memory)
    with pytest.raises(MemoryError):
        word.render_bytes(kd.load(minimaal()))


def test_core_properties_keep_their_namespace_when_docxcompose_has_remapped_it(tmp_path, monkeypatch):
    """docxcompose (imported by docxtpl's Subdoc when installed) maps python-docx's prefix 'cp' to the
    custom-properties namespace; core properties must still be written where Word looks for them."""
    from docx.oxml.ns import nsmap

    from kkfz_docs.render.core_properties import CORE

    custom = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    monkeypatch.setitem(nsmap, "cp", custom)
    path = kd.render_docx(kd.load(FIXTURES[0]), tmp_path / "v.docx")
    with zipfile.ZipFile(path) as zf:
        core = zf.read("docProps/core.xml").decode("utf-8")
    assert custom not in core
    assert core.count("lastModifiedBy") == 2  # one element: its start and end tag
    assert f'xmlns:cp="{CORE}"' in core and "Stichting Kortewind" in core.split("lastModifiedBy")[1]
    assert nsmap["cp"] == custom  # put back as docxcompose left it

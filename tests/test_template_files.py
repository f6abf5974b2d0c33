"""Template files read defensively: a LibreOffice-saved template renders clean, tags are checked first."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from conftest import FIXTURES
from docx import Document
from sjablonen.corpus import inpakken, met_content_type, met_tekst, onderdelen

import kkfz_docs as kd
from kkfz_docs.errors import SjabloonFout
from kkfz_docs.render import template_file
from kkfz_docs.render.docx import default_template


@pytest.fixture(scope="module")
def libreoffice_template(tmp_path_factory):
    """The exported template, opened and saved again as .docx by LibreOffice."""
    folder = tmp_path_factory.mktemp("lo")
    kd.export_template(folder / "sjabloon.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice ontbreekt: installeer libreoffice-writer-nogui (.ci/run doet dat)"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profiel').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "lo"),
            str(folder / "sjabloon.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    saved = folder / "lo" / "sjabloon.docx"
    assert result.returncode == 0 and saved.exists(), result.stderr
    return saved


def test_libreoffice_writes_the_core_properties_relationship_python_docx_does_not_find(libreoffice_template):
    rels = zipfile.ZipFile(libreoffice_template).read("_rels/.rels")
    assert template_file.CORE_PROPERTIES_LIBREOFFICE in rels  # the cause of the duplicate core.xml


def test_a_template_saved_by_libreoffice_renders_to_a_clean_file(libreoffice_template, tmp_path):
    verslag = kd.load(FIXTURES[0])
    path = kd.render_docx(verslag, tmp_path / "v.docx", template=libreoffice_template)
    names = zipfile.ZipFile(path).namelist()
    assert names.count("docProps/core.xml") == 1
    assert len(names) == len(set(names))
    doc = Document(path)
    assert doc.core_properties.title == "Kwaliteitsverslag 2024 Stichting Kortewind Wonen & Begeleiding"
    assert "Pijler 4: Samenwerken" in [p.text for p in doc.paragraphs]


def test_the_default_template_passes_the_checks():
    checked = template_file.check("kwaliteitsverslag.docx", default_template().read_bytes())
    assert "{{ titel }}" in checked.text and "{{ koptekst }}" in checked.text
    with zipfile.ZipFile(default_template()) as original:
        assert set(zipfile.ZipFile(io.BytesIO(checked.data)).namelist()) == set(original.namelist())


def test_a_word_template_dotx_is_read_as_a_document(tmp_path):
    dotx = tmp_path / "huisstijl.dotx"
    dotx.write_bytes(
        met_content_type(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        )
    )
    path = kd.render_docx(kd.load(FIXTURES[1]), tmp_path / "v.docx", template=dotx)
    assert "Kwaliteitsverslag 2024" in [p.text for p in Document(path).paragraphs]


def test_a_part_named_twice_is_kept_once(tmp_path):
    delen = onderdelen()
    styles = next(d for n, d in delen if n == "word/styles.xml")
    checked = template_file.check("t.docx", inpakken([*delen, ("word/styles.xml", styles)]))
    names = zipfile.ZipFile(io.BytesIO(checked.data)).namelist()
    assert names.count("word/styles.xml") == 1


def test_a_tag_left_open_in_the_header_is_named_with_its_place(tmp_path):
    sjabloon = tmp_path / "kop.docx"
    doc = Document(default_template())
    doc.sections[0].header.paragraphs[0].runs[0].text = "{{ koptekst }"
    doc.save(sjabloon)
    with pytest.raises(
        SjabloonFout, match=r"bevat in een koptekst een tag die niet wordt afgesloten: '\{\{ koptekst \}'"
    ):
        template_file.read(sjabloon)


@pytest.mark.parametrize(
    ("alineas", "melding"),
    [
        (["{{ a }"], "niet wordt afgesloten: '{{ a }'"),
        (["{{ a", "}}"], "over meer dan één alinea loopt: '{{ a'"),
        (["{%p if a %", "tekst"], "niet wordt afgesloten: '{%p if a %'"),
        (["{{ a %}"], "niet wordt afgesloten: '{{ a %}'"),
        (["{{ a {{ b }}"], "niet wordt afgesloten: '{{ a'"),
        (["a }}"], "'}}' zonder begin"),
        (["{# opmerking"], "niet wordt afgesloten: '{# opmerking'"),
    ],
)
def test_tags_that_do_not_close_in_their_paragraph_are_refused(alineas, melding):
    with pytest.raises(SjabloonFout, match=r"t\.docx bevat in de tekst") as info:
        template_file.check_tags("t.docx", "in de tekst", alineas)
    assert melding in str(info.value)


@pytest.mark.parametrize(
    "alineas",
    [["{{ a }} en {{ b.c }}"], ["{%p if a %}", "{{ a }}", "{%p endif %}"], ["{# opmerking #}"], ["{ geen tag }", "}"]],
)
def test_tags_that_close_in_their_paragraph_pass(alineas):
    template_file.check_tags("t.docx", "in de tekst", alineas)


def test_a_checked_template_is_read_once_per_version(tmp_path):
    sjabloon = tmp_path / "t.docx"
    sjabloon.write_bytes(met_tekst("{{ titel }}"))
    assert template_file.read(sjabloon) is template_file.read(sjabloon)
    sjabloon.write_bytes(met_tekst("{{ titel }"))
    with pytest.raises(SjabloonFout, match="niet wordt afgesloten"):
        template_file.read(sjabloon)

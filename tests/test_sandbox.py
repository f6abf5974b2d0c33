"""The template sandbox: plain data, the loop variable and the documented filters; nothing else."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, minimaal
from docx import Document
from jinja2.exceptions import SecurityError, UndefinedError

import kkfz_docs as kd
from kkfz_docs.render import sandbox
from kkfz_docs.render.ooxml import Ooxml
from kkfz_docs.render.sandbox import Geweigerd, TemplateEnvironment

DOCS = Path(__file__).resolve().parent.parent / "docs" / "sjabloon.md"


def render(source: str, **context) -> str:
    return TemplateEnvironment().from_string(source).render(**context)


def test_a_dict_key_wins_over_a_dict_method():
    assert render("{{ d.items }} {{ d.keys }} {{ d['values'] }}", d={"items": 1, "keys": 2, "values": 3}) == "1 2 3"


def test_lists_texts_and_numbers_can_be_read_and_computed_with():
    data = {"l": [3, 1, 2], "t": "tekst", "n": 7}
    assert (
        render("{{ l[0] }} {{ t[1] }} {{ n * 6 }} {{ n // 2 }} {{ l | sort | join('-') }}", **data) == "3 e 42 3 1-2-3"
    )


def test_the_loop_variable_can_be_read():
    out = render("{% for x in l %}{{ loop.index }}/{{ loop.length }}{{ ',' if not loop.last }}{% endfor %}", l="abc")
    assert out == "1/3,2/3,3/3"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ t | upper }}|{{ t | title }}|{{ t | capitalize }}|{{ ' x ' | trim }}", "R&amp;D|R&amp;d|R&amp;d|x"),
        ("{{ rijen | map(attribute='a') | join(',') }}", "1,2"),
        ("{{ rijen | selectattr('a', 'equalto', 2) | map(attribute='b') | first }}", "twee"),
        ("{{ d | dictsort | first | last }}", "1"),
        ("{{ leeg | default('n.v.t.', true) }}|{{ onbekend | default('-') }}", "n.v.t.|-"),
        ("{{ t | replace('&', 'en') | length }}", "4"),
        ("{{ 1495580 | euro }} {{ 21.875 | procent }}", "€\xa01.495.580 21,9%"),
    ],
)
def test_the_documented_filters_work(source, expected):
    data = {"t": "r&d", "rijen": [{"a": 1, "b": "een"}, {"a": 2, "b": "twee"}], "d": {"x": 1}, "leeg": ""}
    assert render(source, **data) == expected


@pytest.mark.parametrize(
    "source",
    [
        "{{ t.upper() }}",
        "{{ t.__class__ }}",
        "{{ '{0}'.format(t) }}",
        "{{ l.append(1) }}",
        "{{ plaatje.tpl }}",
        "{{ plaatje._produce }}",
        "{{ plaatje['tpl'] }}",
        "{% for x in l %}{{ loop.__class__ }}{% endfor %}",
    ],
)
def test_everything_but_plain_data_is_refused(source):
    with pytest.raises(SecurityError):
        render(source, t="tekst", l=[1], plaatje=Ooxml(lambda: "<w:r/>"))


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "namespace", "dict"])
def test_jinjas_own_globals_are_not_there(name):
    with pytest.raises(UndefinedError):
        render(f"{{{{ {name}() }}}}")


@pytest.mark.parametrize("name", ["safe", "tojson", "attr", "xmlattr", "format", "center", "indent", "random"])
def test_filters_outside_the_list_do_not_exist(name):
    assert name not in TemplateEnvironment().filters


@pytest.mark.parametrize(
    ("allowed", "refused"),
    [
        ("{{ ('ab' * 500000) | length }}", "{{ 'ab' * 500001 }}"),
        ("{{ (2 ** 3999) % 10 }}", "{{ 2 ** 4001 }}"),
        ("{{ (10 ** 600 * 10 ** 600) % 7 }}", "{{ 10 ** 650 * 10 ** 650 }}"),
        ("{{ ([1] * 600000 + [2] * 400000) | length }}", "{{ [1] * 600000 + [2] * 400001 }}"),
        ("{{ '%1000d' % 3 }}", "{{ '%1001d' % 3 }}"),
        ("{{ range(10000) | length }}", "{{ range(10001) | length }}"),
        ("{{ ('a' * 1000) | replace('a', 'b' * 1000) | length }}", "{{ ('a' * 1000) | replace('a', 'b' * 1001) }}"),
    ],
)
def test_operations_are_bounded(allowed, refused):
    render(allowed)
    with pytest.raises(Geweigerd):
        render(refused)


def test_include_import_and_extends_are_refused_when_parsed():
    for tag in ('{% include "x" %}', '{% import "x" as y %}', '{% from "x" import y %}', '{% extends "x" %}'):
        with pytest.raises(Geweigerd, match="leest een ander bestand in"):
            TemplateEnvironment().from_string(tag)


def test_an_ooxml_value_has_no_public_attributes_and_cannot_be_changed_or_pickled():
    value = Ooxml(lambda: "<w:r/>")
    assert [a for a in dir(value) if not a.startswith("_")] == []
    with pytest.raises(AttributeError):
        value.tpl = "x"
    with pytest.raises(TypeError):
        pickle.dumps(value)
    assert value.__html__() == "<w:r/>"


def test_the_logo_prints_as_a_picture_in_a_header_too(tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 100), "teal").save(tmp_path / "logo.png")
    data = minimaal()
    data["organisatie"]["logo"] = str(tmp_path / "logo.png")
    sjabloon = tmp_path / "kop.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ logo }} {{ organisatie.naam }}"
    doc.add_paragraph("{{ titel }}")
    doc.save(sjabloon)
    out = Document(kd.render_docx(kd.load(data), tmp_path / "v.docx", template=sjabloon))
    header = out.sections[0].header
    assert "Stichting Proef" in header.paragraphs[0].text
    assert header._element.xpath(".//pic:pic")  # the picture sits in the header part
    assert "image" in " ".join(r.reltype for r in header.part.rels.values())


def test_a_template_that_divides_by_zero_gets_a_dutch_message(tmp_path):
    sjabloon = tmp_path / "deel.docx"
    doc = Document()
    doc.add_paragraph("{{ verslagjaar / 0 }}")
    doc.save(sjabloon)
    with pytest.raises(kd.SjabloonFout, match="het deelt door nul"):
        kd.render_docx(kd.load(FIXTURES[1]), tmp_path / "v.docx", template=sjabloon)
    assert not (tmp_path / "v.docx").exists()


@pytest.mark.parametrize(
    ("tag", "melding"),
    [
        ("{% if verslagjaar %}", "het sjabloon houdt op, maar {% if %} is nog niet gesloten met {% endif %}"),
        ("{% iff verslagjaar %}", "de tag {% iff %} bestaat niet hier"),
        ("{{ titel titel }}", "verwacht het einde van de tag (}}), maar er staat 'titel'"),
    ],
)
def test_syntax_errors_are_explained_in_dutch(tmp_path, tag, melding):
    sjabloon = tmp_path / "fout.docx"
    doc = Document()
    doc.add_paragraph(f"Voor {tag} na")
    doc.save(sjabloon)
    with pytest.raises(kd.SjabloonFout) as info:
        kd.render_docx(kd.load(FIXTURES[1]), tmp_path / "v.docx", template=sjabloon)
    assert melding in str(info.value) and "bij: 'Voor" in str(info.value)
    assert not getattr(info.value, "__notes__", None)  # an expected error: no worker traceback attached


def test_docs_list_every_filter_a_template_may_use():
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Wat een sjabloon mag") :]
    documented = set(re.findall(r"`([a-z]+)`", section))
    assert set(TemplateEnvironment().filters) <= documented
    assert {"range", "loop"} <= documented
    assert f"{sandbox.MAX_RANGE:,}".replace(",", ".") in section

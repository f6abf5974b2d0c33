"""Any valid verslag, with text from anywhere, renders to files that read back intact, or is refused
for its length. Nothing else may happen."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from docx import Document
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from strategies import verslagen, vijandige_tekst

import kkfz_docs as kd
from kkfz_docs.render import bidi, fonts
from kkfz_docs.text import iter_texts, strip_control_characters

# Fields printed as running text or bullets in the PDF (table cells wrap line by line across a
# row when pypdf reads them back, so the PDF check reads those from the Word file only).
DOORLOPEND = re.compile(
    r"(visie|inleiding|terugblik|vooruitblik|algemeen_beeld|reflectie|successen\[\d+\]|"
    r"aandachtspunten\[\d+\]|omschrijving|prestatie_indicatoren_nvt|"
    r"prestatie_indicatoren\[\d+\]\.toelichting|spinnenweb\.toelichting)$"
)


def squeeze(text: str) -> str:
    return "".join(strip_control_characters(text).split())


def word_text(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts += [p.text for p in doc.sections[0].header.paragraphs]
    return squeeze("".join(parts))


def printed(verslag) -> list[tuple[str, str]]:
    return [(pad, t) for pad, t in iter_texts(verslag) if not pad.endswith((".logo", ".website")) or "website" in pad]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(verslagen(tekst=vijandige_tekst))
def test_word_file_holds_every_text_exactly(tmp_path_factory, verslag):
    path = kd.render_docx(verslag, tmp_path_factory.mktemp("w") / "v.docx")
    text = word_text(path)
    missing = [(pad, t) for pad, t in printed(verslag) if not pad.endswith(".logo") and squeeze(t) not in text]
    assert missing == []


def visible_in_pdf(text: str) -> str:
    """What the PDF shows of text: every character some font has, without the invisible ones
    (controls, bidi marks, joiners) and skin tones, which the PDF does not draw, in the form that
    reads back (NFKC: shaped Arabic reads back as presentation forms). Hyphens are left out on both
    sides of the comparison: a soft hyphen shows as "-" only where ReportLab breaks the line at it."""
    shown = "".join(
        ch
        for ch in squeeze(text)
        if not fonts.invisible(ch) and fonts.font_for(ch) and ch not in "\xad-" and not 0x1F3FB <= ord(ch) <= 0x1F3FF
    )
    return unicodedata.normalize("NFKC", shown)


def unmirrored(text: str) -> str:
    """Brackets as one sign each: in a right-to-left run the PDF draws "(" as ")" (rule L4)."""
    return "".join(min(ch, bidi.MIRROR.get(ch, ch)) for ch in text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(verslagen(tekst=vijandige_tekst))
def test_pdf_holds_every_running_text_or_is_refused_for_length(tmp_path_factory, verslag):
    path = tmp_path_factory.mktemp("p") / "v.pdf"
    try:
        info = kd.render_pdf(verslag, path)
    except kd.PaginaLimietOverschreden as e:
        assert e.info.pages > 6 and not path.exists()
        return
    reader = PdfReader(path)
    assert len(reader.pages) == info.pages <= 6
    header = visible_in_pdf(f"{verslag.organisatie.naam.strip()} · Kwaliteitsverslag {verslag.verslagjaar}")
    text = ""
    for n, page in enumerate(reader.pages, 1):  # without the running header and footer
        page_text = "".join(page.extract_text().split()).replace("\x00", "").replace("-", "")
        # as visible_in_pdf sees the header: without joiners and other invisible characters
        page_text = "".join(ch for ch in unicodedata.normalize("NFKC", page_text) if not fonts.invisible(ch))
        for running in (f"Pagina{n}van{info.pages}", header):
            at = page_text.rfind(running)
            page_text = page_text[:at] + page_text[at + len(running) :] if at >= 0 else page_text
        text += page_text
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not fonts.invisible(ch))
    # Left-to-right text reads back as typed; right-to-left text is drawn (and read) in visual
    # order, so there every character must be there (tests/test_pdf_scripts.py checks the order).
    missing = [
        (pad, t)
        for pad, t in iter_texts(verslag)
        if DOORLOPEND.search(pad)
        and (
            visible_in_pdf(t) not in text
            if not bidi.has_rtl(t)
            else Counter(unmirrored(visible_in_pdf(t))) - Counter(unmirrored(text)) != Counter()
        )
    ]
    assert missing == []

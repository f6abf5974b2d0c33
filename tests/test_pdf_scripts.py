"""Every character in the PDF: Arabic (shaped, right to left), Hebrew, Tifinagh, emoji and Chinese
are drawn with an embedded font that has their glyph, invisible characters are never drawn as
boxes, and check() names the field of anything no font can show. The PDF is read back with
pypdf and fontTools; python-bidi (the unicode-bidi crate) is the reference for reading order."""

from __future__ import annotations

import ctypes
import io
import re
import unicodedata
from collections import Counter

import bidi as reference_bidi
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from conftest import minimaal
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream

import kkfz_docs as kd
from kkfz_docs.render import bidi, fonts

ARABISCH = "مرحبا بالعالم"
ZIN = "نحن نعمل معاً من أجل رعاية آمنة"
HEBREEUWS = "שלום עולם"
TIFINAGH = "ⵜⴰⵔⵉⴼⵉⵜ"
EMOJI = "Feest🎉 👍 ✅ 🚀"
CHINEES = "中文"


def drawn(path) -> list[tuple[str, str, str, int, int]]:
    """(font, character, glyph name, contours, advance) for every character shown on every page,
    read from the content streams and the embedded font subsets."""
    reader = PdfReader(path)
    out = []
    for page in reader.pages:
        resources = page["/Resources"]["/Font"]
        font = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = resources[operands[0]].get_object()
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for s in strings:
                    if isinstance(s, int | float):
                        continue
                    data = s.get_original_bytes() if hasattr(s, "get_original_bytes") else bytes(s)
                    out += [_glyph(font, code) for code in data]
    return out


_cache: dict = {}


def _glyph(font, code: int):
    key = id(font)
    if key not in _cache:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        tt = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        to_unicode = font["/ToUnicode"].get_object().get_data().decode()
        cmap = re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", to_unicode.split("beginbfchar", 1)[1])
        unicode = {int(c, 16): bytes.fromhex(u).decode("utf-16-be") for c, u in cmap}
        _cache[key] = (font, str(font["/BaseFont"]), tt, unicode)
    _, name, tt, unicode = _cache[key]
    glyph = tt["cmap"].tables[0].cmap.get(code, ".notdef")
    contours = tt["glyf"][glyph].numberOfContours if glyph != ".notdef" else 0
    return name.split("+")[-1], unicode.get(code, ""), glyph, contours, tt["hmtx"][glyph][0]


def missing(glyphs):
    """Characters drawn without a glyph: .notdef, or U+0000, which ReportLab puts in the place of
    a character its font lacks (drawn as nothing, read back as U+0000)."""
    return [g for g in glyphs if g[2] == ".notdef" or g[1] == "\x00"]


def assert_every_glyph_drawn(path) -> list[tuple[str, str, str, int, int]]:
    glyphs = drawn(path)
    assert missing(glyphs) == []
    empty = [g for g in glyphs if g[3] == 0 and not g[1].isspace() and not (fonts.invisible(g[1]) and g[4] == 0)]
    assert empty == []
    return glyphs


def visual_lines(path) -> list[str]:
    """Each line of the PDF as drawn, left to right, without whitespace: the characters pdfium
    reads back, grouped by their baseline and sorted by their position."""
    pdf = pdfium.PdfDocument(str(path))
    lines = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for page in pdf:
        textpage = page.get_textpage()
        rows: dict[float, list[tuple[float, str]]] = {}
        units = [pdfium_raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(textpage.count_chars())]
        i = 0
        while i < len(units):
            unit, i = units[i], i + 1
            ch, at = chr(unit), i - 1
            if 0xD800 <= unit <= 0xDFFF:  # pdfium may give a pair low half first in a right-to-left line
                pair = sorted(units[at : at + 2])
                if len(pair) < 2 or not (0xD800 <= pair[0] <= 0xDBFF and 0xDC00 <= pair[1] <= 0xDFFF):
                    continue
                ch, i = chr(0x10000 + ((pair[0] - 0xD800) << 10) + pair[1] - 0xDC00), i + 1
            if ch.isspace() or unit == 0:
                continue
            pdfium_raw.FPDFText_GetCharOrigin(textpage.raw, at, x, y)
            rows.setdefault(round(y.value, 1), []).append((x.value, ch))
        lines += ["".join(c for _, c in sorted(rows[k])) for k in sorted(rows, reverse=True)]
    pdf.close()
    return [nfkc(line) for line in lines]


def squeeze(text: str) -> str:
    """Without whitespace and combining marks (a reversed right-to-left run puts a mark before its
    letter, the PDF draws it after, where the font's zero-width mark lands on the letter), and
    round brackets as one sign: pdfium mirrors them by itself when it reads them back."""
    text = nfkc("".join(text.split())).translate(str.maketrans("()", "||"))  # pdfium mirrors brackets itself
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def pypdf_text(path) -> str:
    return nfkc("".join(page.extract_text() for page in PdfReader(path).pages))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def chinese_font(folder, chars=CHINEES):
    """A small TrueType font with a square-ish glyph for each of chars, as a system would have."""
    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    glyphs = {}
    for i, name in enumerate(names):
        pen = TTGlyphPen(None)
        if i:
            pen.moveTo((100, 0))
            pen.lineTo((100, 700 - 50 * i))
            pen.lineTo((900, 700))
            pen.lineTo((900, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Proef Hei", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    folder.mkdir(exist_ok=True)
    fb.save(str(folder / "ProefHei.ttf"))
    return folder


def verslag_met_schriften():
    data = minimaal()
    data["organisatie"]["naam"] = "Stichting Proef مرحبا"
    data["algemene_informatie"]["visie"] = f"Wij zeggen {ARABISCH} tegen nieuwe cliënten, {HEBREEUWS} en {TIFINAGH}."
    data["pijlers"][0]["successen"] = [ARABISCH, ZIN, EMOJI, f"Chinees: {CHINEES}"]
    data["pijlers"][1]["doelen"] = [{"titel": ARABISCH, "gepland": 2024, "status": "behaald"}]
    return kd.load(data)


def test_every_script_is_drawn_with_an_embedded_font_that_has_its_glyph(tmp_path, system_fonts):
    system_fonts(chinese_font(tmp_path / "fonts"))
    verslag = verslag_met_schriften()
    assert [b for b in kd.check(verslag) if "PDF kan deze tekens" in b.melding] == []
    path = kd.render_pdf(verslag, tmp_path / "v.pdf").pad
    glyphs = assert_every_glyph_drawn(path)
    shown = Counter(nfkc("".join(g[1] for g in glyphs)))
    wanted = Counter(nfkc(ARABISCH + ZIN + HEBREEUWS + TIFINAGH + EMOJI + CHINEES).replace(" ", ""))
    assert wanted - shown == Counter()
    used = {g[0] for g in glyphs}
    assert {"NotoSansArabic-Regular", "NotoSansArabic-Bold", "NotoSansHebrew-Regular", "Symbola"} <= used
    assert "ProefHei-Regular" in used or any("Proef" in f for f in used)


def test_text_extracts_back_in_reading_order(tmp_path, system_fonts):
    system_fonts(chinese_font(tmp_path / "fonts"))
    path = kd.render_pdf(verslag_met_schriften(), tmp_path / "v.pdf").pad
    lines = [squeeze(line.lstrip("•")) for line in visual_lines(path)]
    visie = f"Wij zeggen {ARABISCH} tegen nieuwe cliënten, {HEBREEUWS} en {TIFINAGH}."
    for typed in (ARABISCH, ZIN, EMOJI, f"Chinees: {CHINEES}", visie):
        # the reference puts the typed (logical) text in the order a reader sees it
        assert squeeze(reference_bidi.get_display(typed, base_dir="L")) in lines
        assert Counter(nfkc(typed.replace(" ", ""))) - Counter(pypdf_text(path)) == Counter()  # pypdf reads it all


def test_arabic_letters_are_joined_not_isolated(tmp_path):
    path = kd.render_pdf(verslag_met_schriften(), tmp_path / "v.pdf", max_pages=None).pad
    arabic = {g[1] for g in drawn(path) if g[0].startswith("NotoSansArabic")}
    # Presentation forms: initial, medial and final shapes of the letters, and the alef final.
    forms = {unicodedata.name(c).split()[-2] for c in arabic if "\ufe70" <= c <= "\ufeff"}
    assert {"INITIAL", "MEDIAL", "FINAL"} <= forms


def test_a_long_arabic_paragraph_wraps_in_reading_order(tmp_path):
    words = [f"{w}" for w in ("نحن", "نعمل", "معاً", "من", "أجل", "رعاية", "آمنة", "لكل", "المرضى", "والموظفين")] * 6
    data = minimaal()
    data["algemene_informatie"]["visie"] = " ".join(words)
    path = kd.render_pdf(kd.load(data), tmp_path / "v.pdf").pad
    lines = [squeeze(line) for line in visual_lines(path)]
    start = lines.index("Visieopforensischezorg") + 1
    end = lines.index("Typeforensischezorg")
    assert end - start >= 3
    assert "".join(line[::-1] for line in lines[start:end]) == squeeze(" ".join(words))  # each line right to left


def test_check_names_the_field_of_characters_no_font_has(tmp_path, system_fonts):
    system_fonts()  # a computer without any Chinese font
    verslag = verslag_met_schriften()
    found = {b.pad: b.melding for b in kd.check(verslag) if "PDF kan deze tekens" in b.melding}
    assert list(found) == ["pijlers[0].successen[3]"]
    assert "文" in found["pijlers[0].successen[3]"]
    path = kd.render_pdf(verslag, tmp_path / "v.pdf").pad  # renders all the same, without 文
    assert len(missing(drawn(path))) == 1


@pytest.mark.parametrize(
    "ch",
    ["\u2060", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff", "\ufe0f"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + [chr(c) for c in range(0x80, 0xA0)],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_invisible_characters_are_never_drawn_as_boxes(tmp_path, ch):
    data = minimaal()
    data["pijlers"][0]["successen"] = [f"Een{ch}twee", f"{ARABISCH[:5]}{ch}{ARABISCH[6:]}"]
    verslag = kd.load(data)
    assert [b for b in kd.check(verslag) if "PDF kan deze tekens" in b.melding] == []
    path = kd.render_pdf(verslag, tmp_path / "v.pdf").pad
    glyphs = assert_every_glyph_drawn(path)
    assert [g for g in glyphs if g[1] == ch and g[4] != 0 and ch not in "\u00ad\u200b"] == []
    if unicodedata.category(ch) == "Cc":
        assert ch not in pypdf_text(path)


def test_a_word_mixing_fonts_renders(tmp_path):
    data = minimaal()
    data["pijlers"][0]["successen"] = ["Feest🎉!", "مرحبا🎉", "(مرحبا)", "عام2025", "KKFZ-مرحبا"]
    path = kd.render_pdf(kd.load(data), tmp_path / "v.pdf").pad
    assert_every_glyph_drawn(path)
    lines = [squeeze(line.lstrip("•")) for line in visual_lines(path)]
    for typed in data["pijlers"][0]["successen"]:
        assert squeeze(reference_bidi.get_display(typed, base_dir="L")) in lines


BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"  # marks, embeddings, overrides
TEKENS = st.sampled_from([*"abc مرح بال 12 ٣٤ ()[]!.,-+%$#/:", "عالم", "KKFZ", "2025", " ", "שלום", *BIDI_CONTROLS])


@settings(max_examples=500, deadline=None)
@given(st.lists(TEKENS, max_size=14).map("".join))
def test_line_order_matches_the_unicode_bidi_reference(text):
    text = text.strip()
    assert "".join(text[i] for i in bidi.visual_order(text)) == reference_bidi.get_display(text, base_dir="L")

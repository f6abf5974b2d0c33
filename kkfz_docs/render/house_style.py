"""The house style of a Word template, read back for the PDF: fonts, sizes, colours and spacing.

The PDF takes its look from the same template the Word file is made with: the bundled one by
default (which render/word_template.py builds from render/layout.py), or a template restyled in
Word. Read are the styles Normal, Title, Subtitle, Heading 1-4, List Bullet, Header, Hyperlink, the
header cells' Tabelkop, the first row of the template's table style and the border of the table style
"Kaart" (a meerjarenplan's speerpunt). A font family is used when a TrueType file of it is on the
system (or it is Calibri, whose metric twin Carlito is bundled); otherwise the PDF uses Carlito and
says so.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess

from attrs import define, evolve

from . import fonts, template_file
from . import layout as L

__all__ = ["HouseStyle", "TextStyle", "default", "read"]


@define(frozen=True)
class TextStyle:
    """How one kind of text looks; sizes in points, colours as six hex digits."""

    font: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: float = 1.0


@define(frozen=True)
class HouseStyle:
    body: TextStyle
    title: TextStyle
    subtitle: TextStyle
    headings: dict[int, TextStyle]
    bullet: TextStyle
    header: TextStyle
    table_fill: str
    table_text: str
    link: str
    """The colour of links (Word's Hyperlink style, else the theme's link colour)."""
    card_border: str = L.ACCENT
    """The colour of the border around a speerpunt (the table style "Kaart")."""
    title_rule: tuple[str, float, float] | None = None
    """The rule under the title (the Title style's bottom border): colour, thickness and gap (points)."""
    missing_fonts: tuple[str, ...] = ()
    """Font families of the template that were not found; Carlito stands in for them."""


def default() -> HouseStyle:
    """The bundled template's house style (the measures of render/layout.py)."""
    body = TextStyle(fonts.FAMILY, L.BODY_PT, "000000", space_after=L.SPACE_AFTER_PT, line_spacing=L.LINE_SPACING)
    headings = {
        int(name[1]): evolve(
            body,
            size=size,
            color=L.ACCENT,
            bold=True,
            italic=name == "h4",
            space_before=before,
            space_after=after,
        )  # the line spacing of Normal, which the headings are based on
        for name, (size, before, after) in L.HEADINGS.items()
    }
    return HouseStyle(
        body=body,
        title=evolve(headings[1], size=L.TITLE_PT, space_before=0, space_after=2, line_spacing=1.0),
        subtitle=evolve(body, size=L.SUBTITLE_PT, color=L.GREY),
        headings=headings,
        bullet=evolve(body, space_after=2),
        header=evolve(body, size=L.HEADER_PT, color=L.GREY, space_after=0, line_spacing=1.0),
        table_fill=L.TABLE_HEADER,
        table_text="FFFFFF",
        link=L.ACCENT,
        title_rule=(L.ACCENT, *L.TITLE_RULE_PT),
    )


def read(template: str | os.PathLike) -> HouseStyle:
    """The house style of a template, read defensively (template_file.read: raises SjabloonFout)."""
    return _read(template_file.read(template).data)


@functools.lru_cache(maxsize=8)
def _read(data: bytes) -> HouseStyle:
    from docx import Document

    document = Document(io.BytesIO(data))
    theme = _Theme(document)
    base = default()
    missing: list[str] = []

    def text_style(name: str, fallback: TextStyle) -> TextStyle:
        style = _style(document, name)
        if style is None:
            return fallback
        family = theme.font(_chain(style, _font_attr)) or fallback.font
        font = _font(family, missing)
        return TextStyle(
            font=font,
            size=_chain(style, lambda s: s.font.size.pt if s.font.size else None) or fallback.size,
            color=theme.color(_chain(style, _color_attr)) or fallback.color,
            bold=bool(_chain(style, lambda s: s.font.bold)),
            italic=bool(_chain(style, lambda s: s.font.italic)),
            space_before=_chain(style, lambda s: _pt(s.paragraph_format.space_before)) or 0.0,
            space_after=_chain(style, lambda s: _pt(s.paragraph_format.space_after)) or 0.0,
            line_spacing=_chain(style, lambda s: _multiple(s.paragraph_format.line_spacing)) or 1.0,
        )

    body = text_style("Normal", base.body)
    fill, text = _table_header(document, theme)
    header_cell = _style(document, "Tabelkop")  # the header cells' own style, which LibreOffice keeps
    text = (theme.color(_color_attr(header_cell)) if header_cell is not None else None) or text
    link = _style(document, "Hyperlink", "character")
    return HouseStyle(
        body=body,
        title=text_style("Title", base.title),
        subtitle=text_style("Subtitle", base.subtitle),
        headings={n: text_style(f"Heading {n}", base.headings[n]) for n in base.headings},
        bullet=text_style("List Bullet", base.bullet),
        header=text_style("Header", base.header),
        table_fill=fill or base.table_fill,
        table_text=text or base.table_text,
        card_border=_card_border(document, theme) or base.card_border,
        link=(theme.color(_chain(link, _color_attr)) if link is not None else None)
        or theme.colors.get("hlink")
        or base.link,
        title_rule=_bottom_border(_style(document, "Title"), theme, body.color),
        missing_fonts=tuple(dict.fromkeys(missing)),
    )


def _style(document, name: str, kind: str = "paragraph"):
    """The paragraph (character, table) style of that name. Word writes built-in names in lower case
    ("heading 1"), LibreOffice capitalised ("Heading 1"); python-docx's own lookup finds only Word's."""
    from docx.enum.style import WD_STYLE_TYPE

    style_type = getattr(WD_STYLE_TYPE, kind.upper())
    wanted = name.lower()
    return next((s for s in document.styles if s.type == style_type and (s.name or "").lower() == wanted), None)


def _chain(style, get):
    """A property of a style, or of the style it is based on, and so on (None when none sets it)."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def _pt(length) -> float | None:
    return None if length is None else length.pt


def _multiple(spacing) -> float | None:
    return spacing if isinstance(spacing, float) else None


def _font_attr(style) -> str | None:
    """The font a style names: a family, or 'major'/'minor' for the theme's heading and body font."""
    rpr = style.element.rPr
    fonts_el = rpr.rFonts if rpr is not None else None
    if fonts_el is None:
        return None
    from docx.oxml.ns import qn

    theme = fonts_el.get(qn("w:asciiTheme"))
    if theme:
        return "major" if theme.startswith("major") else "minor"
    return fonts_el.get(qn("w:ascii"))


def _color_attr(style) -> str | None:
    from docx.oxml.ns import qn

    rpr = style.element.rPr
    return _named_colour(rpr.find(qn("w:color")) if rpr is not None else None, "w:val")


def _named_colour(element, plain: str = "w:color", themed: str = "w:themeColor") -> str | None:
    """The colour an element names ('theme:accent1' for a theme colour, else its own value), for
    _Theme.color; None without the element."""
    from docx.oxml.ns import qn

    if element is None:
        return None
    name = element.get(qn(themed))
    return f"theme:{name}" if name else element.get(qn(plain))


def _bottom_border(style, theme: _Theme, text: str) -> tuple[str, float, float] | None:
    """A paragraph style's bottom border (its own or its base style's): colour, thickness, gap."""
    from docx.oxml.ns import qn

    def border(s):
        ppr = s.element.pPr
        return ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") if ppr is not None else None

    found = _chain(style, border) if style is not None else None
    if found is None or found.get(qn("w:val"), "nil") in ("nil", "none"):
        return None
    colour = theme.color(_named_colour(found)) or text
    size, space = found.get(qn("w:sz"), "4"), found.get(qn("w:space"), "0")
    return colour, (int(size) if size.isdigit() else 4) / 8, float(space) if space.isdigit() else 0.0


class _Theme:
    """The theme's fonts and colours, for styles that name them ('minor', 'theme:accent1')."""

    def __init__(self, document):
        part = next((p for p in document.part.package.parts if p.partname.endswith("/theme1.xml")), None)
        xml = part.blob.decode("utf-8") if part is not None else ""
        self.fonts = {
            k: m.group(1)
            for k in ("major", "minor")
            if (m := re.search(rf'<a:{k}Font>\s*<a:latin typeface="([^"]*)"', xml))
        }
        colour = r'<a:(dk1|lt1|dk2|lt2|accent\d|hlink|folHlink)>\s*<a:(?:srgbClr val|sysClr [^>]*lastClr)="(\w{6})"'
        self.colors = dict(re.findall(colour, xml))

    def font(self, name: str | None) -> str | None:
        if name in ("major", "minor"):
            return self.fonts.get(name)
        return name

    def color(self, value: str | None) -> str | None:
        if not value or value == "auto":
            return None
        if value.startswith("theme:"):
            key = {"text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2"}.get(value[6:], value[6:])
            return self.colors.get(key)
        return value.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


def _table_header(document, theme: _Theme) -> tuple[str | None, str | None]:
    """The fill and text colour of the header row of the first table's style."""
    from docx.oxml.ns import qn

    body = document.element.body
    tbl_style = next(body.iter(qn("w:tblStyle")), None)
    if tbl_style is None:
        return None, None
    style = next((s for s in document.styles if s.style_id == tbl_style.get(qn("w:val"))), None)
    if style is None:
        return None, None
    first = next((e for e in style.element.findall(qn("w:tblStylePr")) if e.get(qn("w:type")) == "firstRow"), None)
    if first is None:
        return None, None
    fill = _named_colour(first.find(f"{qn('w:tcPr')}/{qn('w:shd')}"), "w:fill", "w:themeFill")
    text = _named_colour(first.find(f"{qn('w:rPr')}/{qn('w:color')}"), "w:val")
    return theme.color(fill), theme.color(text)


def _card_border(document, theme: _Theme) -> str | None:
    """The colour of the top border of the table style "Kaart", if the template has it."""
    from docx.oxml.ns import qn

    style = _style(document, "Kaart", "table")
    top = style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn('w:top')}") if style is not None else None
    return theme.color(_named_colour(top))


_METRIC_TWINS = {"calibri": fonts.FAMILY, "carlito": fonts.FAMILY}


def _font(family: str, missing: list[str]) -> str:
    """The ReportLab name of a family's regular face (bold and italic mapped), registered on first use."""
    twin = _METRIC_TWINS.get(family.strip().lower())
    if twin:
        return fonts.register()
    name = _register_family(family.strip())
    if name is None:
        missing.append(family)
        return fonts.register()
    return name


@functools.cache
def _register_family(family: str) -> str | None:
    """Find the family's four faces with fontconfig and register them; None when it is not on the system."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    fc_match = shutil.which("fc-match")
    if fc_match is None or not family:
        return None
    faces = {}
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        pattern = f"{family}:weight={'bold' if bold else 'regular'}:slant={'italic' if italic else 'roman'}"
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{family}\t%{file}", pattern], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        families, _, file = found.partition("\t")
        if family.lower() not in [f.strip().lower() for f in families.split(",")] or not file.lower().endswith(".ttf"):
            if (bold, italic) == (0, 0):
                return None
            continue
        faces[(bold, italic)] = file
    name = f"Huisstijl-{re.sub(r'[^A-Za-z0-9]', '', family)}"
    try:
        for (bold, italic), file in faces.items():
            face = name + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[(bold, italic)]
            font = fonts._font_class()(face, file)
            if "glyf" not in font.face.table:
                return None
            pdfmetrics.registerFont(font)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        source = (bold, italic) if (bold, italic) in faces else (bold, 0) if (bold, 0) in faces else (0, 0)
        face = name + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[source]
        addMapping(name, bold, italic, face)
    return name

"""Web addresses in a text: where they are, for clickable links in both files.

The Word renderer turns each address in the rendered document into a real hyperlink with Word's
"Hyperlink" style (word_links); the PDF renderer wraps each in a link annotation (pdf.py uses
split_links). An address ends before white space, quotes or angle brackets; punctuation that closes
a sentence ("zie https://x.example.") is not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["HYPERLINK_STYLE", "URL", "ascii_uri", "split_links", "target", "word_links"]

URL = re.compile(r"https?://[^\s<>\"'{}|\\^`\[\]]+", re.IGNORECASE)
HYPERLINK_STYLE = "Hyperlink"
_TRAILING = ".,;:!?)"
_ADDRESS = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", re.I)
"""What the organisation's website must look like to be a link without https:// ("www.x.nl")."""


def split_links(text: str, website: str = "") -> Iterator[tuple[str, bool]]:
    """The text in pieces, each (piece, is_address); joined they are the text again.

    website: the organisation's address as typed, a link even without "https://" ("www.x.nl").
    """
    position = 0
    website = website.strip()
    if _ADDRESS.fullmatch(website):  # "www.x.nl", typed without https://: only as a word of its own
        pattern = re.compile(rf"{URL.pattern}|(?<![\w/.@-]){re.escape(website)}(?![\w/-])", re.I)
    else:
        pattern = URL
    for match in pattern.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING and not (url[-1] == ")" and url.count("(") >= url.count(")")):
            url = url[:-1]
        if "://" in url and not url.split("://", 1)[1]:
            continue
        if match.start() > position:
            yield text[position : match.start()], False
        yield url, True
        position = match.start() + len(url)
    if position < len(text):
        yield text[position:], False


def target(url: str) -> str:
    """Where a link goes: the address, with https:// when it was typed without ("www.x.nl")."""
    return url if "://" in url or url.lower().startswith("mailto:") else f"https://{url}"


def ascii_uri(url: str) -> str:
    """The address in 7-bit ASCII, as a PDF link action must hold it (ISO 32000-1, 12.6.4.7): a host
    name in other letters in IDNA ("bücher.example" -> "xn--bcher-kva.example"), any other character
    outside ASCII percent-encoded as UTF-8 ("cliënt" -> "cli%C3%ABnt")."""
    if url.isascii():
        return url
    from urllib.parse import quote

    def encoded(part: str) -> str:
        return "".join(c if c.isascii() else quote(c, safe="") for c in part)

    scheme, sep, rest = url.partition("://")
    end = next((i for i, c in enumerate(rest) if c in "/?#"), len(rest)) if sep else 0
    authority, path = rest[:end], rest[end:]
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.partition(":")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:  # not a name IDNA can write (an emoji): percent-encoded, as RFC 3986 allows
        host = encoded(host)
    return encoded(f"{scheme}{sep}{userinfo}{at}") + host + encoded(f"{colon}{port}{path}")


def word_links(document, website: str = "", colour: str = "0563C1") -> int:
    """Make every web address in the body's text (and the website) a hyperlink; returns how many.

    colour: of the Hyperlink style, when the template has none (LibreOffice leaves an unused one out)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    _ensure_style(document, colour)
    part = document.part
    made = 0
    for run in list(document.element.body.iter(qn("w:r"))):
        texts = run.findall(qn("w:t"))
        if len(texts) != 1 or run.getparent().tag == qn("w:hyperlink"):
            continue
        pieces = list(split_links(texts[0].text or "", website))
        if not any(is_url for _, is_url in pieces):
            continue
        anchor = run
        for piece, is_url in pieces:
            new = _copy_run(run, piece)
            if is_url:
                link = new.makeelement(qn("w:hyperlink"), {})
                link.set(qn("r:id"), part.relate_to(target(piece), RT.HYPERLINK, is_external=True))
                _set_style(new, qn)
                link.append(new)
                new = link
                made += 1
            anchor.addnext(new)
            anchor = new
        run.getparent().remove(run)
    return made


def _copy_run(run, text: str):
    from copy import deepcopy

    from docx.oxml.ns import qn

    new = deepcopy(run)
    t = new.find(qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new


def _set_style(run, qn) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = run.makeelement(qn("w:rPr"), {})
        run.insert(0, rpr)
    style = rpr.find(qn("w:rStyle"))
    if style is None:
        style = rpr.makeelement(qn("w:rStyle"), {})
        rpr.insert(0, style)
    style.set(qn("w:val"), HYPERLINK_STYLE)


def _ensure_style(document, colour: str) -> None:
    """A template without a Hyperlink character style gets one: underlined, in that colour."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    if any(HYPERLINK_STYLE in (s.style_id, s.name) for s in document.styles):
        return
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.underline = True
    style.font.color.rgb = RGBColor.from_string(colour)

"""Contrast as a reader sees it (WCAG 2.1): each character's fill colour, as pdfium reads it, against
the median colour of its box on the same page rendered without any text."""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageStat
from pypdf import PdfWriter
from pypdf.generic import ContentStream

TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}
WCAG_AA = 4.5


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0-255 per channel)."""

    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[:2], 16), int(hex6[2:4], 16), int(hex6[4:], 16)


def without_text(path) -> bytes:
    """The PDF with every text-showing operator removed: what lies behind the text."""
    writer = PdfWriter(clone_from=path)
    for page in writer.pages:
        content = ContentStream(page.get_contents(), writer)
        content.operations = [(operands, op) for operands, op in content.operations if op not in TEXT_SHOWING]
        page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def colour_pairs(path, scale: float = 3) -> dict[tuple[tuple, tuple], str]:
    """(text colour, background colour) -> the characters drawn so, for every visible character."""
    document, bare = pdfium.PdfDocument(path), pdfium.PdfDocument(without_text(path))
    pairs: dict[tuple[tuple, tuple], str] = {}
    for n in range(len(document)):
        page = document[n]
        text = page.get_textpage()
        background = bare[n].render(scale=scale).to_pil().convert("RGB")
        height = page.get_height()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip():
                continue
            rgba = [ctypes.c_uint() for _ in range(4)]
            assert pdfium_c.FPDFText_GetFillColor(text.raw, i, *(ctypes.byref(c) for c in rgba))
            x0, y0, x1, y1 = text.get_charbox(i)
            box = (int(x0 * scale), int((height - y1) * scale), int(x1 * scale) + 1, int((height - y0) * scale) + 1)
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            behind = tuple(round(v) for v in ImageStat.Stat(background.crop(box)).median)
            key = (tuple(c.value for c in rgba[:3]), behind)
            pairs[key] = pairs.get(key, "") + char
    return pairs


def low_contrast(pairs) -> list[str]:
    return [
        f"{fg} op {bg}: {contrast(fg, bg):.2f} ({chars[:40]!r})"
        for (fg, bg), chars in pairs.items()
        if contrast(fg, bg) < WCAG_AA
    ]

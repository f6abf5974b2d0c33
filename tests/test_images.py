"""The logo: an image that cannot be used safely is a waarschuwing, and both files render without it."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
import yaml
from conftest import minimaal
from docx import Document
from PIL import Image
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs import images


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid grey PNG of width x height: 400 MB of pixels in well under 1 MB of file."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)  # filter byte + one byte per pixel
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def noisy_png() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((300, 100), 60).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_without_jfif() -> bytes:
    """A JPEG with its APP0 (JFIF) segment removed: Pillow reads it, python-docx does not."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "teal").save(buffer, format="JPEG")
    data = buffer.getvalue()
    assert data[2:4] == b"\xff\xe0"
    app0 = struct.unpack(">H", data[4:6])[0]
    return data[:2] + data[4 + app0 :]


def verslag_met_logo(tmp_path, data: bytes, naam: str = "logo.png"):
    (tmp_path / naam).write_bytes(data)
    gegevens = minimaal()
    gegevens["organisatie"]["logo"] = naam
    bron = tmp_path / "v.yaml"
    bron.write_text(yaml.safe_dump(gegevens), encoding="utf-8")
    return kd.load(bron)


def pdf_images(path) -> int:
    resources = PdfReader(path).pages[0]["/Resources"]
    if "/XObject" not in resources:
        return 0
    return sum(x.get_object()["/Subtype"] == "/Image" for x in resources["/XObject"].values())


ONBRUIKBAAR = {
    "20000x20000.png": (png_bomb, "is te groot: meer dan 25 megapixel"),
    "afgekapt.png": (lambda: noisy_png()[: len(noisy_png()) // 2], "is beschadigd of niet helemaal opgeslagen"),
    "geen-afbeelding.png": (lambda: b"geen plaatje", "is geen PNG- of JPEG-afbeelding"),
    "plaatje.gif": (lambda: _gif(), "is geen PNG- of JPEG-afbeelding (het is een GIF-bestand)"),
    "6000x5000.png": (lambda: png_bomb(6000, 5000), "is 6000 × 5000 pixels; dat is te groot"),
}


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (30, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize("naam", sorted(ONBRUIKBAAR))
def test_an_unusable_logo_is_a_waarschuwing_and_both_files_render_without_it(tmp_path, naam):
    maak, melding = ONBRUIKBAAR[naam]
    verslag = verslag_met_logo(tmp_path, maak(), naam)
    [bevinding] = [b for b in kd.check(verslag, max_pages=None) if b.pad == "organisatie.logo"]
    assert bevinding.niveau is kd.Niveau.WAARSCHUWING
    assert f"het logo '{naam}' {melding}" in bevinding.melding
    assert "het verslag wordt zonder logo gemaakt" in bevinding.melding
    result = kd.render_files(verslag, tmp_path / "uit" / "v")
    assert not Document(result.docx).inline_shapes
    assert pdf_images(result.pdf) == 0


def test_a_good_logo_is_in_both_files(tmp_path):
    verslag = verslag_met_logo(tmp_path, noisy_png())
    assert [b for b in kd.check(verslag, max_pages=None) if b.pad == "organisatie.logo"] == []
    result = kd.render_files(verslag, tmp_path / "uit" / "v")
    assert len(Document(result.docx).inline_shapes) == 1
    assert pdf_images(result.pdf) == 1


def test_a_jpeg_python_docx_cannot_read_is_placed_as_png(tmp_path):
    verslag = verslag_met_logo(tmp_path, jpeg_without_jfif(), "logo.jpg")
    assert verslag.logo_bruikbaar
    result = kd.render_files(verslag, tmp_path / "uit" / "v")
    [shape] = Document(result.docx).inline_shapes
    assert round(shape.height.cm, 1) == 1.4
    assert pdf_images(result.pdf) == 1


def test_the_renderers_place_the_bytes_that_were_checked(tmp_path):
    verslag = verslag_met_logo(tmp_path, noisy_png())
    checked = verslag.logo_afbeelding
    assert checked is not None and checked.data == (tmp_path / "logo.png").read_bytes()
    assert (checked.format, checked.width, checked.height) == ("PNG", 300, 100)


def test_inspect_is_cached_per_file_version(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(noisy_png())
    assert images.inspect(path).usable
    path.write_bytes(b"nu kapot")
    assert not images.inspect(path).usable  # a new size: checked again

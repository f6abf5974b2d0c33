"""Checking an image file (the logo) before a renderer places it.

The file is read once; Pillow reads its header and then decodes the whole image, so a file that is
no image, truncated, damaged or far too large (a decompression bomb) is found here, before either
renderer sees it. Both renderers place the bytes that were checked, never the file again.
Pillow is imported only when an image is checked, so importing kkfz_docs stays fast.
"""

from __future__ import annotations

import functools
import io
import os
import warnings
from pathlib import Path

from attrs import define

__all__ = ["FORMATS", "MAX_BYTES", "MAX_PIXELS", "ImageCheck", "as_png", "check_bytes", "inspect"]

MAX_BYTES = 10 * 1024 * 1024
"""The largest image file that is read (a logo is rarely over 1 MB)."""
MAX_PIXELS = 25_000_000
"""The most pixels an image may have (5000 x 5000); decoding it takes at most 100 MB."""
FORMATS = ("PNG", "JPEG")


@define(frozen=True)
class ImageCheck:
    """The result of inspect(): the bytes to place, or the problem and what to do (Dutch)."""

    path: Path
    data: bytes = b""
    format: str = ""
    width: int = 0
    height: int = 0
    problem: str = ""
    """Why the image cannot be used ("is geen PNG- of JPEG-afbeelding"), empty when it can."""
    advice: str = ""
    """What to do about the problem, as a sentence."""

    @property
    def usable(self) -> bool:
        return not self.problem


def inspect(path: str | os.PathLike) -> ImageCheck:
    """Check an image file; cached per file version (path, size, modification time)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return ImageCheck(path, problem="is niet gevonden", advice="Geef het pad vanaf de map van het verslag.")
    return _inspect(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _inspect(path: Path, size: int, _mtime_ns: int) -> ImageCheck:
    if not path.is_file():
        return ImageCheck(path, problem="is geen bestand", advice="Geef het pad van een PNG-bestand.")
    if size > MAX_BYTES:
        return ImageCheck(
            path,
            problem=f"is {size / 1024 / 1024:.0f} MB, meer dan de {MAX_BYTES // 1024 // 1024} MB die een logo mag zijn",
            advice="Verklein het logo, bijvoorbeeld tot 1000 pixels breed.",
        )
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        return ImageCheck(path, problem=f"kan niet worden gelezen ({e.strerror})", advice="Controleer het bestand.")
    return check_bytes(path, data)


def check_bytes(path: Path, data: bytes) -> ImageCheck:
    """Check image bytes: a PNG or JPEG within the limits that decodes completely."""
    from PIL import Image, UnidentifiedImageError

    opslaan = "Sla het logo op als .png."
    te_groot = f"is te groot: meer dan {MAX_PIXELS // 1_000_000} megapixel"
    verkleinen = "Verklein het logo, bijvoorbeeld tot 1000 pixels breed."
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as im:
                fmt, (width, height) = im.format or "", im.size
                if fmt not in FORMATS:
                    soort = f" (het is een {fmt}-bestand)" if fmt else ""
                    return ImageCheck(path, problem=f"is geen PNG- of JPEG-afbeelding{soort}", advice=opslaan)
                if width * height > MAX_PIXELS:
                    return ImageCheck(path, problem=f"is {width} × {height} pixels; dat {te_groot}", advice=verkleinen)
                if width < 1 or height < 1:
                    return ImageCheck(path, problem="heeft geen pixels", advice=opslaan)
                im.verify()  # chunk checksums (PNG), structure
            with Image.open(io.BytesIO(data)) as im:
                im.load()  # decodes every pixel: a truncated or damaged image fails here
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return ImageCheck(path, problem=te_groot, advice=verkleinen)
        except UnidentifiedImageError:
            return ImageCheck(path, problem="is geen PNG- of JPEG-afbeelding", advice=opslaan)
        except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError, struct.error, ...)
            return ImageCheck(
                path, problem="is beschadigd of niet helemaal opgeslagen", advice="Sla het logo opnieuw op als .png."
            )
    return ImageCheck(path, data, fmt, width, height)


def as_png(data: bytes) -> bytes:
    """Re-encode checked image bytes as PNG (for a JPEG variant a renderer cannot read itself)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        out = io.BytesIO()
        (im if im.mode in ("RGB", "RGBA", "L", "LA", "P") else im.convert("RGB")).save(out, format="PNG")
        return out.getvalue()

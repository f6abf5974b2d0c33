"""Unexpected exceptions: the details go to a file, the user gets one Dutch line that names it."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

__all__ = ["message", "write_details"]


def write_details(exc: BaseException, about: str = "") -> Path:
    """Write the traceback of exc, with versions and what was being done, to a new file; return its path."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("kkfz-docs")
    except PackageNotFoundError:
        ours = "(niet geïnstalleerd)"
    fd, name = tempfile.mkstemp(prefix="kkfz-docs-fout-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"kkfz-docs {ours}, Python {sys.version.split()[0]}, {platform.platform()}\n")
        if about:
            f.write(f"Bezig met: {about}\n")
        f.write("\n" + "".join(traceback.format_exception(exc)))
    return Path(name)


def message(exc: BaseException, about: str = "") -> str:
    """'onverwachte fout (KeyError); de details staan in /tmp/kkfz-docs-fout-....txt. ...'"""
    try:
        waar = f"de details staan in {write_details(exc, about)}"
    except OSError:
        waar = "de details konden niet worden bewaard"
    return (
        f"onverwachte fout ({type(exc).__name__}); {waar}. Dit is een fout in kkfz-docs: meld het, met dat "
        "bestand en het invoerbestand"
    )

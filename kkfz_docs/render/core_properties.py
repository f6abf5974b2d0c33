"""The core properties of a Word file (docProps/core.xml) written in their own namespace.

python-docx finds and writes a core property by the prefix "cp", looked up in its shared namespace
table each time. docxcompose, which docxtpl imports for its Subdoc when docxcompose is installed
(older docxtpl releases always), maps "cp" in that same table to the custom-properties namespace:
python-docx then writes lastModifiedBy, keywords, category and revision under the wrong name, a
second lastModifiedBy Word does not know, and never sets the real one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["CORE", "core_namespace"]

CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


@contextlib.contextmanager
def core_namespace() -> Iterator[None]:
    """While inside, "cp" is the core-properties namespace for python-docx; after, as it was."""
    from docx.oxml.ns import nsmap

    before = nsmap.get("cp")
    nsmap["cp"] = CORE
    try:
        yield
    finally:
        if before is None:
            del nsmap["cp"]
        else:
            nsmap["cp"] = before

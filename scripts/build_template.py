"""Build the default Word template kkfz_docs/templates/kwaliteitsverslag.docx from the outline.

    python scripts/build_template.py [TARGET]

The template's content comes from kkfz_docs/render/outline.py, its measures from render/layout.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kkfz_docs.render.word_template import TEMPLATE, build

if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))

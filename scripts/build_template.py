"""Build the default Word templates in kkfz_docs/templates/ from the outlines.

    python scripts/build_template.py            # both: kwaliteitsverslag.docx and meerjarenplan.docx
    python scripts/build_template.py TARGET [SOORT]

The templates' content comes from kkfz_docs/render/outline.py, their measures from render/layout.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kkfz_docs.render.soorten import SOORTEN
from kkfz_docs.render.word_template import build

if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(build(Path(sys.argv[1]), *sys.argv[2:3]))
    else:
        for soort in SOORTEN.values():
            print(build(soort.default_template(), soort.naam))

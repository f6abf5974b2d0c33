import subprocess
import sys

import kkfz_docs


def test_public_api_names_exist():
    for name in kkfz_docs.__all__:
        assert hasattr(kkfz_docs, name), name


def test_import_does_not_load_the_renderers_or_charts():
    code = (
        "import sys, kkfz_docs; "
        "heavy = ('docxtpl', 'docx', 'reportlab', 'xlsxwriter', 'babel', 'yaml', 'cattrs'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_html_preview_escapes_text_and_shows_findings():
    from conftest import minimaal

    data = minimaal()
    data["organisatie"]["naam"] = "R&D <script>"
    data["algemene_informatie"]["visie"] = ""
    html = kkfz_docs.load(data)._repr_html_()
    assert "R&amp;D &lt;script&gt;" in html and "<script>" not in html
    assert "algemene_informatie.visie" in html and "Pijler 4: Samenwerken" in html


def test_html_preview_shows_the_figures():
    from conftest import FIXTURES

    html = kkfz_docs.load(FIXTURES[0])._repr_html_()
    assert "38,9%" in html and "Continuïteit van zorg" in html
    assert "<td>1. Veiligheid en persoonsgerichte zorg</td><td>3</td>" in html
    assert "Geen bevindingen" in html

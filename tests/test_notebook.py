"""The example notebook runs from top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from pypdf import PdfReader

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "verslag_in_python.ipynb"


def test_example_notebook_executes_and_renders_both_files(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert (tmp_path / "uit" / "notebookzorg-2025.docx").exists()
    assert len(PdfReader(tmp_path / "uit" / "notebookzorg-2025.pdf").pages) >= 1
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    assert any("Stichting Notebookzorg" in h and "Pijler 4: Samenwerken" in h for h in html)  # the preview
    assert any(h.count("data:image/png;base64,") >= 1 for h in html)  # the PDF's pages
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "Percentage forensische zorg: 34,0%" in printed  # 18 of 53 clients
    assert any("1.1 Werkwijze vastleggen" in h and "Deadline:" in h for h in html)  # the plan's preview
    assert (tmp_path / "uit" / "notebookzorg-meerjarenplan.docx").exists()
    assert (
        f"{len(PdfReader(tmp_path / 'uit' / 'notebookzorg-meerjarenplan.pdf').pages)} pagina's meerjarenplan" in printed
    )

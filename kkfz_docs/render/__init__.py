"""The renderers: the outline of the document (outline.py), Word (docx.py) and PDF (pdf.py).

The public entry points are in kkfz_docs.api; nothing here is imported by `import kkfz_docs`
except the light info.py.
"""

__all__: list[str] = []

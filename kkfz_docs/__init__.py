"""kkfz-docs: het kwaliteitsverslag volgens de handreiking van het Kwaliteitskader Forensische Zorg.

The public API. Renderers load docxtpl and ReportLab only when they are called.
"""

from .batch import Resultaat, render_many
from .errors import Invoerfout, OngeldigVerslag, PaginaLimietOverschreden, Schrijffout, SjabloonFout
from .findings import Bevinding, Niveau
from .load import load, to_data
from .preview import pdf_paginas
from .render import export_template, render_docx, render_files, render_pdf
from .rules import check
from .sections.algemene_informatie import AlgemeneInformatie, Clienten, Zorgtype
from .sections.organisatie import Organisatie
from .sections.pijlers import DoelStatus, DoelVoortgang, Ontwikkelpunt, PijlerReflectie
from .sections.prestatie_indicatoren import PrestatieIndicator, Tabel, TabelRij
from .sections.spinnenweb import Spinnenweb
from .sections.themas import Planning, Thema
from .values import Kwartaal, Periode, Pijler
from .verslag import Kwaliteitsverslag

__all__ = [
    "AlgemeneInformatie",
    "Bevinding",
    "Clienten",
    "DoelStatus",
    "DoelVoortgang",
    "Invoerfout",
    "Kwaliteitsverslag",
    "Kwartaal",
    "Niveau",
    "OngeldigVerslag",
    "Ontwikkelpunt",
    "Organisatie",
    "PaginaLimietOverschreden",
    "Periode",
    "Pijler",
    "PijlerReflectie",
    "Planning",
    "PrestatieIndicator",
    "Resultaat",
    "Schrijffout",
    "SjabloonFout",
    "Spinnenweb",
    "Tabel",
    "TabelRij",
    "Thema",
    "Zorgtype",
    "check",
    "export_template",
    "load",
    "pdf_paginas",
    "render_docx",
    "render_files",
    "render_many",
    "render_pdf",
    "to_data",
]

"""kkfz-docs: het kwaliteitsverslag volgens de handreiking van het Kwaliteitskader Forensische Zorg, en het
meerjarenplan waarop het voortbouwt.

The public API. Renderers load docxtpl and ReportLab only when they are called.
"""

from .api import check, export_template, render_docx, render_files, render_pdf
from .batch import Resultaat, render_many
from .convert import to_data
from .errors import (
    Invoerfout,
    KkfzFout,
    OngeldigVerslag,
    PaginaLimietOverschreden,
    Schrijffout,
    SjabloonFout,
    VerkeerdType,
    WaardeFout,
)
from .findings import Bevinding, Niveau
from .load import load
from .meerjarenplan import Meerjarenplan
from .preview import pdf_paginas
from .render.info import RenderInfo, SectieInfo
from .sections.algemene_informatie import AlgemeneInformatie, Clienten, Zorgtype
from .sections.organisatie import Organisatie
from .sections.paragrafen import Paragraaf
from .sections.pijlers import DoelStatus, DoelVoortgang, Ontwikkelpunt, PijlerReflectie
from .sections.prestatie_indicatoren import PrestatieIndicator, Tabel, TabelRij
from .sections.speerpunten import PlanPijler, Speerpunt
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
    "KkfzFout",
    "Kwaliteitsverslag",
    "Kwartaal",
    "Meerjarenplan",
    "Niveau",
    "OngeldigVerslag",
    "Ontwikkelpunt",
    "Organisatie",
    "PaginaLimietOverschreden",
    "Paragraaf",
    "Periode",
    "Pijler",
    "PijlerReflectie",
    "PlanPijler",
    "Planning",
    "PrestatieIndicator",
    "RenderInfo",
    "Resultaat",
    "Schrijffout",
    "SectieInfo",
    "SjabloonFout",
    "Speerpunt",
    "Spinnenweb",
    "Tabel",
    "TabelRij",
    "Thema",
    "VerkeerdType",
    "WaardeFout",
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

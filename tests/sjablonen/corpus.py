"""The corpus of hostile Word templates, each built from the default template, with the message it must give.

Every case is made here, in code, so the corpus can be reviewed: no binary files in the repository.
tests/test_hostile_templates.py renders a verslag with each one (through the API and the command
line) and checks the Dutch message and that nothing was written anywhere. To look at the files:

    python tests/sjablonen/corpus.py MAP

A case's `melding` is a part of the message kkfz-docs must give; None means the template must
render (and the test checks what came out). The limit cases assume the limits below.
"""

from __future__ import annotations

import copy
import io
import struct
import sys
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from attrs import define
from docx import Document

from kkfz_docs.render.docx import default_template

TIJDSLIMIET = 10
"""Seconds: the tests render with --tijdslimiet 10 (a normal render takes well under 1 s)."""
GEHEUGENLIMIET = 300
"""MB: the tests render with --geheugenlimiet 300."""
ONTSNAPT = "ontsnapt.docx"
"""The file the escape attempts try to write (relative: the tests look for it in their folder)."""


@define(frozen=True)
class Geval:
    naam: str
    poging: str
    maak: Callable[[], bytes]
    melding: str | None


# --- building blocks --------------------------------------------------------------------------------


def onderdelen() -> list[tuple[str, bytes]]:
    """The parts of the default template, in order."""
    with zipfile.ZipFile(default_template()) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def inpakken(delen: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name" when a case asks for one
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for naam, data in delen:
                zf.writestr(naam, data)
    return out.getvalue()


def met_tekst(*alineas: str) -> bytes:
    """The default template with the paragraph '{{ titel }}' replaced by these paragraphs."""
    doc = Document(default_template())
    [titel] = [p for p in doc.paragraphs if p.text == "{{ titel }}"]
    vorige = titel._p
    for i, tekst in enumerate(alineas):
        if i == 0:
            p = titel._p
        else:
            p = copy.deepcopy(titel._p)
            vorige.addnext(p)
        runs = p.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        runs[0].text = tekst
        for t in runs[1:]:
            t.text = ""
        vorige = p
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def document_bewerkt(bewerk: Callable[[bytes], bytes]) -> bytes:
    return inpakken([(n, bewerk(d) if n == "word/document.xml" else d) for n, d in onderdelen()])


def met_dtd(dtd: str, entiteit: str) -> bytes:
    """word/document.xml with a DTD before the root and an entity reference in the title's text."""

    def bewerk(xml: bytes) -> bytes:
        kop, _, rest = xml.partition(b"?>")
        return kop + b"?>" + dtd.encode() + rest.replace(b"{{ titel }}", entiteit.encode(), 1)

    return document_bewerkt(bewerk)


def zip_met_hand(delen: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written byte by byte: (name, packed data, method, crc, unpacked size) per part.

    zipfile cannot write packed data it did not pack itself, nor a wrong checksum; these cases need both.
    """
    uit, centraal = bytearray(), bytearray()
    for naam, data, methode, crc, grootte in delen:
        n = naam.encode()
        offset = len(uit)
        uit += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, methode, 0, 0x21, crc, len(data), grootte, len(n), 0)
        uit += n + data
        centraal += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            methode,
            0,
            0x21,
            crc,
            len(data),
            grootte,
            len(n),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        centraal += n
    start = len(uit)
    uit += centraal
    uit += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(delen), len(delen), len(centraal), start, 0)
    return bytes(uit)


def opgeslagen(naam: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return naam, data, 0, zlib.crc32(data), len(data)


def zipbom(mb: int = 800) -> bytes:
    """The default template plus a part of mb megabytes of zeros, packed into well under 1 MB."""
    pakker = zlib.compressobj(9, zlib.DEFLATED, -15)
    blok = pakker.compress(b"\0" * (1 << 20)) + pakker.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every MB
    data = blok * mb + pakker.flush(zlib.Z_FINISH)
    crc = 0
    nul = b"\0" * (1 << 20)
    for _ in range(mb):
        crc = zlib.crc32(nul, crc)
    delen = [opgeslagen(n, d) for n, d in onderdelen()]
    return zip_met_hand([*delen, ("word/media/bom.bin", data, 8, crc, mb << 20)])


def veel_xml(mb: int) -> bytes:
    """mb megabytes of well-formed XML that packs only about 1.3 times (base64 of random bytes)."""
    import base64
    import random

    rnd = random.Random(8)
    tekst = base64.b64encode(rnd.randbytes(mb * 3 // 4 * (1 << 20)))
    return b"<a>" + tekst[: mb * (1 << 20) - 7] + b"</a>"


def kapotte_crc() -> bytes:
    """word/document.xml stored with the checksum of its original text, but one letter changed."""
    delen = []
    for naam, data in onderdelen():
        if naam == "word/document.xml":
            delen.append((naam, data.replace(b"{{ titel }}", b"{{ TITEL }}", 1), 0, zlib.crc32(data), len(data)))
        else:
            delen.append(opgeslagen(naam, data))
    return zip_met_hand(delen)


def met_content_type(oud: bytes, nieuw: bytes) -> bytes:
    return inpakken([(n, d.replace(oud, nieuw) if n == "[Content_Types].xml" else d) for n, d in onderdelen()])


DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
LACHEN = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


# --- the cases ----------------------------------------------------------------------------------------

MAG_NIET = "mag niet: een sjabloon kan alleen de gegevens van het verslag afdrukken"

GEVALLEN = [
    # Escapes from the sandbox: library objects, Python internals, other files.
    Geval(
        "ontsnap_save.docx",
        "het DocxTemplate achter de grafiek een bestand laten schrijven",
        lambda: met_tekst(f'{{{{ spinnenweb_grafiek.tpl.docx.save("{ONTSNAPT}") }}}}'),
        f"'.tpl' {MAG_NIET}",
    ),
    Geval(
        "ontsnap_zipnaam.docx",
        "een systeembestand in de uitvoer laten kopiëren",
        lambda: met_tekst("{{ spinnenweb_grafiek.tpl.replace_zipname('docProps/app.xml', '/etc/passwd') }}"),
        f"'.tpl' {MAG_NIET}",
    ),
    Geval("logo_tpl.docx", "het logo als object gebruiken", lambda: met_tekst("{{ logo.tpl }}"), f"'.tpl' {MAG_NIET}"),
    Geval(
        "klasse.docx",
        "via __class__ en __mro__ bij Python zelf komen",
        lambda: met_tekst("{{ titel.__class__.__mro__[1].__subclasses__() }}"),
        f"'.__class__' {MAG_NIET}",
    ),
    Geval(
        "format.docx",
        "str.format laten graven",
        lambda: met_tekst('{{ "{0.__class__}".format(titel) }}'),
        f"'.format' {MAG_NIET}",
    ),
    Geval(
        "methode.docx",
        "een methode van de gegevens aanroepen",
        lambda: met_tekst("{{ gegevens.pijlers.append(1) }}"),
        f"'.append' {MAG_NIET}",
    ),
    Geval(
        "lus_intern.docx",
        "de binnenkant van de lusvariabele",
        lambda: met_tekst("{%p for p in pijlers %}", "{{ loop.__class__ }}", "{%p endfor %}"),
        f"'.__class__' {MAG_NIET}",
    ),
    Geval(
        "self.docx",
        "de sjabloonverwijzing self en haar context",
        lambda: met_tekst("{{ self._TemplateReference__context }}"),
        f"'._TemplateReference__context' {MAG_NIET}",
    ),
    Geval(
        "lipsum.docx", "een Jinja-functie buiten de lijst", lambda: met_tekst("{{ lipsum(5) }}"), "gebruikt 'lipsum'"
    ),
    Geval(
        "filter_safe.docx",
        "ruwe XML in het document zetten",
        lambda: met_tekst('{{ "<w:p/>" | safe }}'),
        "het filter 'safe' in {{ \"<w:p/>\" | safe }} bestaat niet of mag niet",
    ),
    Geval(
        "filter_attr.docx",
        "een eigenschap lezen via een filter",
        lambda: met_tekst('{{ spinnenweb_grafiek | attr("tpl") }}'),
        "het filter 'attr'",
    ),
    Geval(
        "include.docx",
        "een bestand van de schijf inlezen",
        lambda: met_tekst('{% include "/etc/passwd" %}'),
        '(de tag {% include "/etc/passwd" %}): {% include %} leest een ander bestand in',
    ),
    Geval(
        "import.docx", "een ander sjabloon importeren", lambda: met_tekst('{% import "x.docx" as x %}'), "{% import %}"
    ),
    Geval("from.docx", "uit een ander sjabloon importeren", lambda: met_tekst('{% from "x" import y %}'), "{% from %}"),
    Geval("extends.docx", "een ander sjabloon uitbreiden", lambda: met_tekst('{% extends "x" %}'), "{% extends %}"),
    # Resource attacks: refused at once, or stopped by the limits.
    Geval(
        "herhaling.docx",
        "6 GB geheugen met één vermenigvuldiging",
        lambda: met_tekst("{{ 'a' * 10**9 }}"),
        "'*' maakt een tekst of lijst van 1.000.000.000 tekens",
    ),
    Geval(
        "macht.docx", "een getal van 370 miljoen cijfers", lambda: met_tekst("{{ 9**(9**9) }}"), "'**' maakt een getal"
    ),
    Geval(
        "range.docx",
        "lussen van honderdduizend",
        lambda: met_tekst("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"),
        "range(100000) geeft 100.000 getallen",
    ),
    Geval(
        "procent.docx",
        "een opmaakveld van een miljard tekens",
        lambda: met_tekst("{{ '%0999999999d' % 1 }}"),
        "'%' vraagt een veld van 999999999 tekens breed",
    ),
    Geval(
        "vervang.docx",
        "tekst laten groeien met replace",
        lambda: met_tekst(
            "{{ titel | replace('', titel) | replace('', titel) | replace('', titel) | replace('', titel) }}"
        ),
        "'replace' maakt een tekst",
    ),
    Geval(
        "lussen.docx",
        "een miljard lusrondes",
        lambda: met_tekst(
            "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
            "{% endfor %}{% endfor %}{% endfor %}"
        ),
        f"het maken duurde langer dan {TIJDSLIMIET} seconden en is gestopt",
    ),
    Geval(
        "verdubbel.docx",
        "een tekst die zich 40 keer verdubbelt",
        lambda: met_tekst(
            "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}"
            "{{ d(titel, 40) }}"
        ),
        f"het maken had meer dan {GEHEUGENLIMIET} MB geheugen nodig en is gestopt",
    ),
    Geval(
        "recursie.docx",
        "een macro die zichzelf eindeloos aanroept",
        lambda: met_tekst("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
        "een macro roept zichzelf te vaak aan",
    ),
    # Typos: named before rendering.
    Geval(
        "accolade.docx",
        "een tag zonder tweede sluitaccolade",
        lambda: met_tekst("{{ organisatie.regel }", "Deze tekst mag niet verdwijnen.", "{{ titel }}"),
        "een tag die niet wordt afgesloten: '{{ organisatie.regel }'",
    ),
    Geval(
        "over_alineas.docx",
        "een tag over twee alinea's",
        lambda: met_tekst("{{ organisatie.", "regel }}"),
        "een tag die over meer dan één alinea loopt: '{{ organisatie.'",
    ),
    Geval(
        "zonder_begin.docx",
        "een sluitende tag zonder begin",
        lambda: met_tekst("{ organisatie.regel }}"),
        "'}}' zonder begin, in de alinea '{ organisatie.regel }}'",
    ),
    Geval(
        "syntaxis.docx", "een if zonder voorwaarde", lambda: met_tekst("{% if %}{% endif %}"), "een tag die niet klopt"
    ),
    # The file itself.
    Geval("zipbom.docx", "een deel dat uitpakt tot 800 MB", zipbom, "pakt uit tot 800 MB, meer dan 100 keer"),
    Geval(
        "groot.docx",
        "een sjabloon van 51 MB",
        lambda: zip_met_hand(
            [*(opgeslagen(n, d) for n, d in onderdelen()), opgeslagen("word/media/ruis.bin", bytes(51 << 20))]
        ),
        "is 51 MB; een sjabloon mag hooguit 50 MB zijn",
    ),
    Geval(
        "veel_xml.docx",
        "60 MB XML die weinig inpakt (geen zip-bom, wel te veel om te lezen)",
        lambda: inpakken([*onderdelen(), ("customXml/item9.xml", veel_xml(60))]),
        "bevat 60 MB aan opmaak (XML); een sjabloon mag hooguit 50 MB zijn",
    ),
    Geval(
        "veel_delen.docx",
        "drieduizend delen",
        lambda: inpakken([*onderdelen(), *((f"customXml/item{i}.xml", b"<a/>") for i in range(3000))]),
        "delen; een Word-bestand heeft er hooguit enkele tientallen",
    ),
    Geval("crc.docx", "een beschadigd deel", kapotte_crc, "het deel word/document.xml kan niet worden uitgepakt"),
    Geval(
        "kapotte_xml.docx",
        "XML die niet klopt",
        lambda: document_bewerkt(lambda xml: xml.replace(b"</w:body>", b"</w:bodyy>")),
        "het deel word/document.xml is geen geldige XML",
    ),
    Geval(
        "lachen.docx",
        "billion laughs: een miljard keer 'lol'",
        lambda: met_dtd(LACHEN, "&lol9;"),
        "bevat in word/document.xml een DTD",
    ),
    Geval(
        "xxe.docx",
        "een systeembestand als entiteit",
        lambda: met_dtd('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        "een DTD",
    ),
    Geval(
        "geen_zip.docx",
        "tekst met de naam .docx",
        lambda: b"Dit is geen Word-bestand.\n",
        "is geen Word-bestand (.docx)",
    ),
    Geval(
        "andere_zip.docx",
        "een zip zonder Word-document",
        lambda: inpakken(
            [
                (
                    "[Content_Types].xml",
                    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
                ),
                ("leesmij.txt", b"hallo"),
            ]
        ),
        "is geen Word-bestand (.docx)",
    ),
    Geval(
        "macro.docm.docx",
        "een document met macro's",
        lambda: met_content_type(DOCUMENT_TYPE, b"application/vnd.ms-word.document.macroEnabled.main+xml"),
        "bevat macro's",
    ),
    # Must render, safely.
    Geval(
        "dubbel_deel.docx",
        "word/document.xml twee keer in de zip (de laatste telt, zoals zipfile leest)",
        lambda: inpakken([("word/document.xml", b"<kapot"), *onderdelen()]),
        None,
    ),
    Geval(
        "autoescape_uit.docx",
        "escaping uitzetten om XML in te voegen",
        lambda: met_tekst('{% autoescape false %}{{ "<w:br/>" ~ organisatie.naam }}{% endautoescape %}'),
        None,
    ),
]


def main(map_: str) -> None:
    doel = Path(map_)
    doel.mkdir(parents=True, exist_ok=True)
    for geval in GEVALLEN:
        (doel / geval.naam).write_bytes(geval.maak())
        print(f"{geval.naam:<22} {geval.poging}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vijandige-sjablonen")

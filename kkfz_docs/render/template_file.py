"""Reading a custom Word template defensively, before docxtpl sees it.

A .docx is a zip of XML parts. Before rendering, a template is read here, all of it, in memory:
- the file and its unpacked parts stay within size limits, and no part unpacks to a hundred times
  its packed size (a zip bomb);
- every part unpacks with a correct checksum, and every XML part parses, with no DTD (a DTD's
  entities are how "billion laughs" and external-entity attacks work; Word never writes one);
- a part that occurs twice in the zip is kept once (the last, which is what zipfile reads);
- LibreOffice's spelling of the core-properties relationship is corrected, so python-docx finds
  the part instead of adding a second docProps/core.xml;
- a Word template (.dotx) is read as a document; a macro-enabled file is refused;
- a docxtpl tag that is not closed, or that runs over more than one paragraph, is named.
The result is a clean zip in memory that docxtpl opens. Every refusal is a SjabloonFout in Dutch.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from attrs import define
from lxml import etree

from ..errors import SjabloonFout

__all__ = [
    "CORE_PROPERTIES",
    "CORE_PROPERTIES_LIBREOFFICE",
    "CT",
    "DOCUMENT",
    "MACRO_TYPES",
    "MAX_FILE_MB",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_UNPACKED_MB",
    "MAX_XML_MB",
    "PARTS_WITH_TAGS",
    "RATIO_FROM_BYTES",
    "TEMPLATE",
    "TemplateFile",
    "W",
    "check",
    "check_tags",
    "read",
]

MAX_FILE_MB = 50
MAX_UNPACKED_MB = 250
MAX_XML_MB = 50
"""The most XML a template may hold, all parts together (parsed, XML takes about ten times as much memory)."""
MAX_PARTS = 2_000
MAX_RATIO = 100
"""The most a part may grow when unpacked (Word's XML packs 5-20 times; a zip bomb 1000 times)."""
RATIO_FROM_BYTES = 1024 * 1024
"""Parts smaller than this are not held to MAX_RATIO (a small, very regular part may pack well)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DOCUMENT = _WML + "document.main+xml"
TEMPLATE = _WML + "template.main+xml"
MACRO_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
PARTS_WITH_TAGS = {
    DOCUMENT: "in de tekst",
    _WML + "header+xml": "in een koptekst",
    _WML + "footer+xml": "in een voettekst",
    _WML + "footnotes+xml": "in de voetnoten",
}
CORE_PROPERTIES_LIBREOFFICE = (
    b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)
CORE_PROPERTIES = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


@define(frozen=True)
class TemplateFile:
    """A checked template: its name, a clean .docx in memory, and the text of its paragraphs."""

    name: str
    data: bytes
    text: str


def read(path: str | os.PathLike) -> TemplateFile:
    """Read and check a template file; raises SjabloonFout (Dutch) when it cannot be used.

    Cached per file version (path, size, modification time): a batch reads its template once
    per process.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None:
        raise SjabloonFout(
            f"het sjabloon {path} bestaat niet; controleer de naam of maak er een met "
            "'kkfz-docs template -o huisstijl.docx'"
        )
    if not S_ISREG(stat.st_mode):
        soort = "een map" if S_ISDIR(stat.st_mode) else "geen gewoon bestand (maar een apparaat of pijp)"
        raise SjabloonFout(f"het sjabloon {path} is {soort}; geef het pad van een Word-bestand (.docx)")
    return _read(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read(path: Path, size: int, _mtime_ns: int) -> TemplateFile:
    naam = path.name
    if size > MAX_FILE_MB * 1024 * 1024:
        raise SjabloonFout(
            f"het sjabloon {naam} is {size // 1024 // 1024} MB; een sjabloon mag hooguit {MAX_FILE_MB} MB zijn. "
            "Verklein de afbeeldingen erin (in Word: Afbeelding comprimeren)"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SjabloonFout(f"het sjabloon {path} kan niet worden gelezen ({e.strerror})") from None
    return check(naam, data)


def check(naam: str, data: bytes) -> TemplateFile:
    """Check a template's bytes and return it as a clean zip."""
    geen_word = f"{naam} is geen Word-bestand (.docx); open het in Word en sla het op als Word-document (.docx)"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SjabloonFout(geen_word) from None
    with zf:
        infos = zf.infolist()
        _check_sizes(naam, infos)
        parts: dict[str, bytes] = {}
        for info in infos:  # a name that occurs twice: the last one wins, as in zipfile.read(name)
            if info.is_dir():
                continue
            parts[info.filename] = _unpack(naam, zf, info)
    if "[Content_Types].xml" not in parts:
        raise SjabloonFout(geen_word)
    trees = {name: _parse(naam, name, blob) for name, blob in parts.items() if _is_xml(name)}
    types = _content_types(trees["[Content_Types].xml"], parts)
    main = [name for name, kind in types.items() if kind in (DOCUMENT, TEMPLATE, *MACRO_TYPES)]
    if not main or main[0] not in parts:
        raise SjabloonFout(geen_word)
    if types[main[0]] in MACRO_TYPES:
        raise SjabloonFout(
            f"het sjabloon {naam} bevat macro's (een .docm- of .dotm-bestand); sla het in Word op als "
            "Word-document (.docx)"
        )
    if types[main[0]] == TEMPLATE:  # a .dotx: the same content, read as a document
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(TEMPLATE.encode(), DOCUMENT.encode())
        types[main[0]] = DOCUMENT
    if "_rels/.rels" in parts:
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(CORE_PROPERTIES_LIBREOFFICE, CORE_PROPERTIES)
    teksten = []
    for name, kind in sorted(types.items(), key=lambda item: item[1] != DOCUMENT):
        if kind in PARTS_WITH_TAGS and name in trees:
            alineas = list(_paragraphs(trees[name]))
            check_tags(naam, PARTS_WITH_TAGS[kind], alineas)
            teksten += alineas
    return TemplateFile(naam, _pack(parts), "\n".join(teksten))


def _check_sizes(naam: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise SjabloonFout(
            f"het sjabloon {naam} bestaat uit {len(infos)} delen; een Word-bestand heeft er hooguit enkele "
            "tientallen. Sla het opnieuw op als Word-document (.docx)"
        )
    uitgepakt = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if _is_xml(i.filename))
    if xml > MAX_XML_MB * 1024 * 1024:
        raise SjabloonFout(
            f"het sjabloon {naam} bevat {xml // 1024 // 1024} MB aan opmaak (XML); een sjabloon mag hooguit "
            f"{MAX_XML_MB} MB zijn. Maak een nieuw sjabloon met 'kkfz-docs template'"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise SjabloonFout(
                f"het sjabloon {naam} is versleuteld of met een wachtwoord beveiligd; sla het op zonder wachtwoord"
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SjabloonFout(
                f"het sjabloon {naam} is geen gewoon Word-bestand: het deel {info.filename} pakt uit tot "
                f"{info.file_size // 1024 // 1024} MB, meer dan {MAX_RATIO} keer zijn eigen grootte (een zip-bom). "
                "Gebruik het niet; maak een nieuw sjabloon met 'kkfz-docs template'"
            )
    if uitgepakt > MAX_UNPACKED_MB * 1024 * 1024:
        raise SjabloonFout(
            f"het sjabloon {naam} pakt uit tot {uitgepakt // 1024 // 1024} MB; een sjabloon mag uitgepakt hooguit "
            f"{MAX_UNPACKED_MB} MB zijn. Verklein de afbeeldingen erin"
        )


def _unpack(naam: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        # zipfile stops at the size the directory gives and then checks the checksum, so a part
        # cannot unpack to more than the size that _check_sizes allowed.
        return zf.read(info)
    except NotImplementedError:
        raise SjabloonFout(
            f"het sjabloon {naam} is ingepakt op een manier die Word niet gebruikt ({info.filename}); "
            "open het in Word en sla het opnieuw op als Word-document (.docx)"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise SjabloonFout(
            f"het sjabloon {naam} is beschadigd: het deel {info.filename} kan niet worden uitgepakt (de "
            "controlegetallen kloppen niet). Open het in Word en sla het opnieuw op, of gebruik een goede kopie"
        ) from None


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


_DTD_MARKS = tuple(
    mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


def _parse(naam: str, name: str, blob: bytes):
    if any(mark in blob for mark in _DTD_MARKS):  # before the parser sees it: libxml2 reads a DTD's entities
        _refuse_dtd(naam, name)
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as e:
        raise SjabloonFout(
            f"het sjabloon {naam} is beschadigd: het deel {name} is geen geldige XML (regel {e.lineno}: {e.msg}). "
            "Open het in Word en sla het opnieuw op, of gebruik een goede kopie"
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        _refuse_dtd(naam, name)
    return root


def _refuse_dtd(naam: str, name: str) -> None:
    raise SjabloonFout(
        f"het sjabloon {naam} bevat in {name} een DTD (<!DOCTYPE ...>) met eigen definities; Word schrijft die "
        "nooit, en ze kunnen bestanden van deze computer binnenhalen of het geheugen vullen. Gebruik dit "
        "sjabloon niet; maak een nieuw met 'kkfz-docs template'"
    )


def _content_types(root, names) -> dict[str, str]:
    """Part name (as in the zip, without a leading slash) -> content type."""
    defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in root.iter(f"{CT}Default")}
    types = {name: defaults.get(name.rpartition(".")[2].lower(), "") for name in names}
    types.update(
        {
            el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
            for el in root.iter(f"{CT}Override")
            if el.get("PartName")
        }
    )
    return types


def _paragraphs(root) -> Iterator[str]:
    """The text of each paragraph (a text box inside a paragraph is a paragraph of its own)."""
    for p in root.iter(f"{W}p"):
        yield "".join(t.text or "" for t in p.iter(f"{W}t") if next(t.iterancestors(f"{W}p"), None) is p)


_TOKEN = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def check_tags(naam: str, waar: str, alineas: list[str]) -> None:
    """Refuse a tag that is not closed in its own paragraph, or a closing brace without a tag."""
    for i, tekst in enumerate(alineas):
        open_at: int | None = None
        for match in _TOKEN.finditer(tekst):
            token = match.group(0)
            if token in _CLOSER:
                if open_at is not None:
                    _not_closed(naam, waar, alineas, i, open_at, match.start())
                open_at = match.start()
            elif open_at is None:
                raise SjabloonFout(
                    f"het sjabloon {naam} bevat {waar} '{token}' zonder begin, in de alinea '{_kort(tekst)}'. "
                    f"Controleer de accolades: een tag begint met '{_opener(token)}' en eindigt met '{token}'"
                )
            elif token == _CLOSER[tekst[open_at : open_at + 2]]:
                open_at = None
            else:
                _not_closed(naam, waar, alineas, i, open_at, match.end())
        if open_at is not None:
            _not_closed(naam, waar, alineas, i, open_at, len(tekst))


def _not_closed(naam: str, waar: str, alineas: list[str], i: int, start: int, end: int) -> None:
    tekst = alineas[i]
    opener = tekst[start : start + 2]
    closer = _CLOSER[opener]
    tag = _kort(tekst[start:end].rstrip(), 60)
    later = next((a for a in alineas[i + 1 : i + 4] if _TOKEN.search(a)), "")
    first = _TOKEN.search(later)
    if end == len(tekst) and first is not None and first.group(0) == closer:
        raise SjabloonFout(
            f"het sjabloon {naam} bevat {waar} een tag die over meer dan één alinea loopt: '{tag}' begint in de "
            f"alinea '{_kort(tekst)}' en sluit pas in een volgende. Een tag moet binnen één alinea staan; zet hem "
            "op één regel"
        )
    raise SjabloonFout(
        f"het sjabloon {naam} bevat {waar} een tag die niet wordt afgesloten: '{tag}', in de alinea "
        f"'{_kort(tekst)}'. Sluit de tag af met '{closer}'"
    )


def _opener(closer: str) -> str:
    return next(o for o, c in _CLOSER.items() if c == closer)


def _kort(tekst: str, lengte: int = 80) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _pack(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    return out.getvalue()

"""Reading YAML text: what the user typed where YAML would read something else, the line of every
field path, warnings for text a comment cut short, and Dutch messages for YAML's syntax errors.

load.py imports this module on first use, so PyYAML loads when a file is read, not with the package.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import attrs
import yaml

from .convert import Getypt
from .errors import TE_DIEP, Invoerfout, OngeldigVerslag
from .findings import Bevinding, Niveau
from .paths import join_path
from .text import LIST_MARKER
from .values import is_number_text

__all__ = ["parse"]


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping what the user typed where YAML would read something else."""

    def fetch_flow_collection_start(self, TokenClass) -> None:
        # PyYAML's scanner looks at every open [ or { for each token: a few kilobytes of [[[[ cost
        # it seconds before Python's recursion limit stops it. A verslag nests a few levels.
        if self.flow_level >= _MAX_FLOW_LEVEL:
            raise RecursionError
        super().fetch_flow_collection_start(TokenClass)


_MAX_FLOW_LEVEL = 100


# Numbers and dates: the text typed; the field decides (convert._from_file). YAML 1.1's yes, no, on
# and off: the text typed (no field of a verslag is yes/no); '=' and '<<' as a value: the text.
_Loader.add_constructor("tag:yaml.org,2002:int", lambda _loader, node: Getypt(node.value, "getal"))
_Loader.add_constructor("tag:yaml.org,2002:float", lambda _loader, node: Getypt(node.value, "getal"))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda _loader, node: Getypt(node.value, "datum"))
_Loader.add_constructor("tag:yaml.org,2002:bool", lambda _loader, node: node.value)
_Loader.add_constructor("tag:yaml.org,2002:value", lambda _loader, node: node.value)
_Loader.add_constructor("tag:yaml.org,2002:merge", lambda _loader, node: node.value)  # '<<' as a value

_BOOL = "tag:yaml.org,2002:bool"
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_STR_OF_NULL = (_STR, _NULL)

# Characters YAML's reader refuses (controls, U+FFFE/U+FFFF) and those it takes for a line break
# where editors do not (U+0085, U+2028, U+2029): they are stood in for by private-use characters
# while YAML reads, and put back in every scalar after.
_VOOR_YAML = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")
_PLAATSVERVANGER = 0x100000  # Supplementary Private Use Area-B


def _shield(text: str) -> tuple[str, dict[str, str]]:
    found = set(_VOOR_YAML.findall(text))
    terug = {chr(_PLAATSVERVANGER + ord(c)): c for c in found}
    if any(p in text for p in terug):  # a file that uses those private characters itself: leave it be
        return text, {}
    return text.translate({ord(c): p for p, c in terug.items()}), terug


def _restore(node: yaml.Node, terug: dict[str, str], seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        node.value = node.value.translate({ord(p): c for p, c in terug.items()})
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _restore(key, terug, seen)
            _restore(value, terug, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _restore(item, terug, seen)


def parse(text: str, bestand: Path | None) -> tuple[object, dict[str, int], list[tuple[Bevinding, bool]]]:
    """The data of a YAML text, the line of every field path, and the warnings about what YAML did to
    a text (with whether each is about a name of a field rather than a value)."""
    naam = str(bestand) if bestand else None
    shielded, terug = _shield(text)
    loader = _Loader(shielded)
    try:
        node = loader.get_single_node()
        if node is None:
            raise OngeldigVerslag(
                [Invoerfout("", "het bestand is leeg; begin met 'kkfz-docs new' voor een ingevuld voorbeeld")],
                naam,
                leesbaar=False,
            )
        if terug:
            _restore(node, terug, set())
        regels: dict[str, int] = {"": node.start_mark.line + 1}
        meldingen: list[tuple[Bevinding, bool]] = []
        _map_lines(node, "", regels, set(), _Bron(shielded.splitlines(), meldingen))
        return loader.construct_document(node), regels, meldingen
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        regel = mark.line + 1 if mark else None
        lijn = shielded.splitlines()[mark.line] if mark and mark.line < len(shielded.splitlines()) else ""
        melding = _syntax_message(e, lijn, mark.column if mark else 0)
        raise OngeldigVerslag([Invoerfout("", melding, regel)], naam, leesbaar=False) from None
    except yaml.YAMLError as e:
        raise OngeldigVerslag([Invoerfout("", f"de YAML klopt niet: {e}")], naam, leesbaar=False) from None
    except RecursionError:
        raise OngeldigVerslag([Invoerfout("", TE_DIEP)], naam, leesbaar=False) from None
    finally:
        loader.dispose()


# --- YAML's syntax errors, in Dutch, with what to type ----------------------------------------------

# A line 'key: value' (or '- key: value'), to show it with the value between quotes.
_SLEUTEL_WAARDE = re.compile(r"(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):[ \t]+(.*?)\s*")


def _with_quotes(lijn: str) -> str | None:
    """The line with its value between quotes: 'naam: "Resultaat: een team"'; None if it is not key: value."""
    match = _SLEUTEL_WAARDE.fullmatch(lijn)
    if not match or not match.group(3):
        return None
    streepje, sleutel, waarde = match.groups()
    begin = f"{'- ' if '-' in streepje else ''}{sleutel}: "
    if '"' not in waarde and "\\" not in waarde:
        return f'{begin}"{waarde}"'
    if "'" not in waarde:
        return f"{begin}'{waarde}'"
    return None


def _syntax_message(e: yaml.MarkedYAMLError, lijn: str, kolom: int) -> str:
    return "de YAML klopt niet: " + _syntax_problem(e, lijn, kolom)


def _syntax_problem(e: yaml.MarkedYAMLError, lijn: str, kolom: int) -> str:
    """What is wrong on the line and what to type instead."""
    probleem = e.problem or e.context or ""
    context = e.context or ""
    aanhalen = _with_quotes(lijn)
    zo = (
        f"Zet de tekst tussen aanhalingstekens: {aanhalen}"
        if aanhalen
        else "Zet de tekst tussen aanhalingstekens, of schrijf hem na | op de regels eronder (iets verder ingesprongen)"
    )
    if "'\\t'" in probleem or "tab character" in probleem:
        if not lijn[:kolom].strip():
            return (
                "deze regel springt in met een tab; YAML kent alleen spaties. Vervang de tab door spaties "
                "(in de meeste editors: 'tabs omzetten in spaties')"
            )
        return "in de tekst op deze regel staat een tab; vervang die door een spatie, of " + zo[0].lower() + zo[1:]
    if "mapping values are not allowed" in probleem:
        woord = lijn[:kolom].split()[-1] if lijn[:kolom].split() else ""
        return (
            f"in de tekst staat een dubbele punt met een spatie erna ('{woord}: '), en dat leest YAML als een nieuw "
            f"veld. {zo}"
        )
    if "sequence entries are not allowed" in probleem:
        return f"de tekst begint met '- ', en dat leest YAML als een lijst. {zo}"
    teken = lijn[kolom : kolom + 1] if kolom < len(lijn) else ""
    if "cannot start any token" in probleem and teken:
        return f"een tekst mag in YAML niet met '{teken}' beginnen. {zo}"
    if "alias" in context or "anchor" in context or "undefined alias" in probleem:
        return f"een tekst die met '*' of '&' begint, leest YAML als een verwijzing. {zo}"
    if "block scalar" in context:
        blok = re.fullmatch(r"(\s*(?:-\s+)?[^:#]+?):[ \t]+\|[ \t]*(\S.*?)\s*", lijn)
        if blok:  # 'visie: | Wij geloven ...': the text belongs on the lines below
            sleutel, tekst = blok.group(1).strip(), _kort(blok.group(2), 30)
            return (
                f"na '|' begint de tekst op de regel eronder, iets verder ingesprongen: schrijf '{sleutel}: |' en "
                f"zet '{tekst}' op de volgende regel"
            )
        return f"een tekst die met '|' of '>' begint, leest YAML als het begin van een tekst over meer regels. {zo}"
    if "constructor for the tag" in probleem:
        return f"een tekst die met '!' begint, leest YAML als een soort-aanduiding. {zo}"
    if "expected <block end>, but found '<scalar>'" in probleem and aanhalen and _SLEUTEL_WAARDE.fullmatch(lijn):
        waarde = _SLEUTEL_WAARDE.fullmatch(lijn).group(3)  # type: ignore[union-attr]
        if waarde[:1] in "\"'[{":
            return (
                f"de tekst begint met {waarde[:1]} en gaat na het bijbehorende sluitteken verder; YAML leest alleen "
                f"het stuk ertussen. {zo}"
            )
    return f"{probleem}; controleer het inspringen en de dubbele punten op deze regel of de regel erboven"


# --- the line of every field, and what YAML did to a text ---------------------------------------------


@attrs.define
class _Bron:
    """The source lines (to see what was typed around a node) and the waarschuwingen found so far."""

    lijnen: list[str]
    meldingen: list[tuple[Bevinding, bool]]
    """Each waarschuwing, and whether it is about the name (key) of a field rather than its value."""

    def meld(self, pad: str, regel: int, melding: str, *, sleutel: bool = False) -> None:
        self.meldingen.append((Bevinding(Niveau.WAARSCHUWING, pad, melding, regel), sleutel))

    def rest_of_line(self, mark: yaml.Mark) -> str:
        lijn = self.lijnen[mark.line] if mark.line < len(self.lijnen) else ""
        return lijn[mark.column :]


def _kort(tekst: str, n: int = 50) -> str:
    tekst = tekst.strip()
    return tekst if len(tekst) <= n else tekst[: n - 3] + "..."


def _scalar(node: yaml.ScalarNode, pad: str, bron: _Bron, is_key: bool = False) -> None:
    """Waarschuwingen for what YAML did to a plain (unquoted) text; load() keeps those of fields that are text."""
    if node.style is not None:
        return
    regel = node.start_mark.line + 1
    if node.tag == _BOOL:
        v = node.value
        if is_key:
            melding = (
                f"YAML leest de naam '{v}' als ja/nee; het verslag neemt '{v}' over zoals getypt. Zet de naam "
                f'tussen aanhalingstekens ("{v}":), dan leest elk programma hem als tekst'
            )
        else:
            melding = (
                f"YAML leest '{v}' als ja/nee; het verslag neemt de tekst '{v}' over zoals getypt. Zet de tekst "
                f"tussen aanhalingstekens (\"{v}\"), of laat het veld leeg als u 'geen' bedoelt"
            )
        bron.meld(pad, regel, melding, sleutel=is_key)
    if is_key:
        return
    leeg = node.tag in _STR_OF_NULL and node.value == ""
    _comment(re.match(r"([ \t]*)#(.*)", bron.rest_of_line(node.end_mark)), not leeg, pad, node, bron)
    for n in range(node.start_mark.line + 1, node.end_mark.line + 1):  # the continuation lines
        lijn = bron.lijnen[n].strip() if n < len(bron.lijnen) else ""
        if LIST_MARKER.match(lijn):
            bron.meld(
                pad,
                n + 1,
                f"de regel '{_kort(lijn)}' is aan de tekst erboven vastgeplakt (YAML leest ingesprongen regels "
                "als één tekst). Is het een eigen punt, zet het dan recht onder het punt erboven, als '- ...'",
            )


def _comment(commentaar: re.Match | None, na_tekst: bool, pad: str, node: yaml.Node, bron: _Bron) -> None:
    """A comment on the line of a text: everything after # is gone. After an empty field, the notes
    `kkfz-docs new` writes ('plaats:     # optioneel') are notes, not lost text."""
    if commentaar and (na_tekst or not _is_note(commentaar.group(2))):
        bron.meld(
            pad,
            node.end_mark.line + 1,
            f"alles na # is weggevallen ('{_kort('#' + commentaar.group(2), 40)}'); zet de tekst tussen "
            "aanhalingstekens of gebruik |",
        )


@functools.cache
def _notes() -> re.Pattern:
    """The comments after the fields of templates/nieuw.yaml, with any year."""
    nieuw = resources.files("kkfz_docs").joinpath("templates/nieuw.yaml").read_text(encoding="utf-8")
    notities = {m.group(1).strip() for m in re.finditer(r"^\s*[^#\s][^#]*?:[ \t]*(?:\[\])?[ \t]+#(.*)$", nieuw, re.M)}
    patronen = [re.escape(n).replace(r"\$volgend_jaar", r"\d{4}").replace(r"\$jaar", r"\d{4}") for n in notities]
    return re.compile("|".join(patronen) or "(?!)")


def _is_note(commentaar: str) -> bool:
    return _notes().fullmatch(commentaar.strip()) is not None


def _map_lines(node: yaml.Node, pad: str, regels: dict[str, int], seen: set[int], bron: _Bron) -> None:
    """Record the line of every field path; refuse anchors reused for lists or groups; note what YAML did."""
    if isinstance(node, yaml.ScalarNode):
        _scalar(node, pad, bron)
        return
    if id(node) in seen:
        raise OngeldigVerslag(
            [
                Invoerfout(
                    pad,
                    "een YAML-verwijzing (*anker) naar een lijst of groep wordt niet ondersteund; schrijf de tekst uit",
                    node.start_mark.line + 1,
                )
            ],
            leesbaar=False,
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            segment: str | int = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if isinstance(segment, str) and is_number_text(segment.strip()):
                segment = int(segment.strip())
            kpad = join_path(pad, segment)
            if kpad in keys:  # PyYAML would silently keep the last one
                raise OngeldigVerslag(
                    [
                        Invoerfout(
                            kpad,
                            f"'{key.value}' staat twee keer in deze groep; houd er één "
                            "over (de tekst van de andere gaat anders verloren)",
                            key.start_mark.line + 1,
                        )
                    ]
                )
            keys.add(kpad)
            regels.setdefault(kpad, key.start_mark.line + 1)
            if isinstance(key, yaml.ScalarNode) and key.tag == _NULL and key.value:
                key.tag = _STR  # a name typed as 'null' or '~' stays that text (an empty name is refused later)
            if isinstance(key, yaml.ScalarNode):
                _scalar(key, kpad, bron, is_key=True)
                if value.start_mark.line > key.end_mark.line:  # 'terugblik: # In 2025 ...', text below
                    _comment(re.match(r"\s*:([ \t]*)#(.*)", bron.rest_of_line(key.end_mark)), False, kpad, key, bron)
            _map_lines(value, kpad, regels, seen, bron)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ipad = join_path(pad, i)
            regels.setdefault(ipad, item.start_mark.line + 1)
            _map_lines(item, ipad, regels, seen, bron)

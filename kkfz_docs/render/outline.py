"""The documents as data: every chapter, heading, text, list, table and figure, in order.

Two documents: the kwaliteitsverslag (DOCUMENT) and the meerjarenplan (MEERJARENPLAN). Written
once, read by all: scripts/build_template.py turns each into its default Word template (docxtpl
tags), the PDF renderer and the notebook preview walk it over the context of one document
(render/context.py, render/context_plan.py). A heading, table header or condition changes here and
nowhere else.

Texts are templates over the context: "Terugblik op {{ verslagjaar }}" (the Word template keeps the
tag; the other renderers fill it in with `fill`). A condition (`als`) is one or more context paths
joined by " or ", true when one of them holds something; a path may be compared with a whole
number ("blok.niveau == 2") or negated ("not vorig"). Conditions are written so that Jinja reads
them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from attrs import define

from . import layout as L
from .tables import shown_columns

__all__ = [
    "DOCUMENT",
    "MEERJARENPLAN",
    "Bullets",
    "Card",
    "Chapter",
    "CrossTable",
    "Figure",
    "FilledTable",
    "ForEach",
    "Heading",
    "If",
    "Image",
    "Kenmerk",
    "Node",
    "Paragraph",
    "Paragraphs",
    "Scope",
    "Table",
    "fill",
    "fill_table",
    "holds",
    "items",
    "lookup",
    "walk",
]

Style = Literal["body", "title", "subtitle"]


@define(frozen=True)
class Chapter:
    """A chapter: a Heading 1 and its body. The page-limit message counts pages and words per chapter."""

    titel: str
    body: tuple[Node, ...]
    als: str | None = None


@define(frozen=True)
class Heading:
    """A heading below the chapter's: Heading 2 by default, 3 and 4 for own paragrafen deeper down."""

    tekst: str
    niveau: int = 2


@define(frozen=True)
class Paragraph:
    """One paragraph of a text template."""

    tekst: str
    stijl: Style = "body"


@define(frozen=True)
class Paragraphs:
    """A list of texts at a context path, a paragraph each."""

    pad: str


@define(frozen=True)
class Bullets:
    """A list of texts at a context path, as a bulleted list."""

    pad: str


@define(frozen=True)
class Table:
    """A table with a header row, a row per item of `rijen` (called `rij` in the cells) and an optional total."""

    koppen: tuple[str, ...]
    rijen: str
    cellen: tuple[str, ...]
    breedtes_cm: tuple[float, ...]
    totaal: tuple[str, ...] | None = None


@define(frozen=True)
class CrossTable:
    """A table whose columns come from the data: a label column, one column per item of `kolommen`
    (the values of each row at `waarden`), and an optional last column (header, cell)."""

    hoek: str
    kolommen: str
    rijen: str
    label: str
    waarden: str
    breedtes_cm: tuple[float, float]
    laatste: tuple[str, str] | None = None
    laatste_cm: float = 0.0


@define(frozen=True)
class Kenmerk:
    """A paragraph that starts with a bold label: "Deadline: Q4 2024", or the label alone ("Acties")."""

    label: str
    tekst: str = ""


@define(frozen=True)
class Card:
    """A bordered block (a speerpunt) holding its body; kept on one page where it fits.

    walk() yields the card itself; each renderer lays out its body (walk(card.body, scope)) inside it.
    """

    body: tuple[Node, ...]


@define(frozen=True)
class Figure:
    """The drawing at a context path (the spinnenweb), with the path of its description in words."""

    pad: str
    beschrijving: str


@define(frozen=True)
class Image:
    """The picture at a context path (the logo), when there is one."""

    pad: str


@define(frozen=True)
class If:
    als: str
    body: tuple[Node, ...]


@define(frozen=True)
class Together:
    """Parts kept on one page (with the heading before them, which always keeps with what follows)."""

    body: tuple[Node, ...]


@define(frozen=True)
class ForEach:
    """The body once per item of the list at `pad`, the item called `naam` inside."""

    naam: str
    pad: str
    body: tuple[Node, ...]


Node = (
    Chapter
    | Heading
    | Paragraph
    | Paragraphs
    | Bullets
    | Kenmerk
    | Table
    | CrossTable
    | Figure
    | Image
    | Card
    | If
    | ForEach
    | Together
)


def eigen_paragrafen(pad: str) -> ForEach:
    """The provider's own paragrafen at a context path (render/context.py flattens them into blocks
    with their heading level: 1 is a chapter of its own, 2-4 headings below a chapter)."""
    koppen: tuple[Node, ...] = (
        Chapter("{{ blok.titel }}", (), als="blok.niveau == 1"),
        *(If(f"blok.niveau == {n}", (Heading("{{ blok.titel }}", n),)) for n in (2, 3, 4)),
    )
    return ForEach(
        "blok",
        pad,
        (
            If("blok.titel", koppen),
            Paragraphs("blok.tekst"),
            Bullets("blok.opsomming"),
            If("blok.tabel", (eigen_tabel("blok.tabel"),)),
        ),
    )


def eigen_tabel(pad: str) -> CrossTable:
    """A table as providers write it: a corner cell, columns, rows with a label and their values."""
    return CrossTable(
        f"{{{{ {pad}.kop }}}}", f"{pad}.kolommen", f"{pad}.rijen", "{{ rij.label }}", "rij.waarden", L.CROSS_TABLE_CM
    )


DOCUMENT: tuple[Node, ...] = (
    If("logo", (Image("logo"),)),
    Paragraph("{{ titel }}", "title"),
    Paragraph("{{ organisatie.regel }}", "subtitle"),
    If("ondertitel", (Paragraph("{{ ondertitel }}"),)),
    Chapter(
        "Inleiding",
        (
            Paragraphs("inleiding"),
            If("leeswijzer", (Heading("Leeswijzer"), Paragraphs("leeswijzer"))),
            eigen_paragrafen("paragrafen"),
            If("terugblik", (Heading("Terugblik op {{ verslagjaar }}"), Paragraphs("terugblik"))),
            If("vooruitblik", (Heading("Vooruitblik"), Paragraphs("vooruitblik"))),
        ),
        als="inleiding or leeswijzer or paragrafen or terugblik or vooruitblik",
    ),
    Chapter(
        "Algemene informatie",
        (
            Heading("Visie op forensische zorg"),
            Paragraphs("algemene_informatie.visie"),
            Heading("Type forensische zorg"),
            Table(
                ("Setting", "Beveiligingsniveau", "Toelichting"),
                "algemene_informatie.zorgtypen",
                ("{{ rij.setting }}", "{{ rij.beveiligingsniveau }}", "{{ rij.toelichting }}"),
                L.COLUMNS_CM["zorgtypen"],
            ),
            Heading("Cliënten op {{ algemene_informatie.clienten.peildatum }}"),
            Paragraph("{{ algemene_informatie.clienten.samenvatting }}"),
            If(
                "not vorig",
                (
                    Table(
                        ("Financiering", "Cliënten", "Aandeel"),
                        "algemene_informatie.clienten.rijen",
                        ("{{ rij.financiering }}", "{{ rij.aantal }}", "{{ rij.aandeel }}"),
                        L.COLUMNS_CM["clienten"],
                        totaal=(
                            "Totaal",
                            "{{ algemene_informatie.clienten.totaal }}",
                            "{{ algemene_informatie.clienten.totaal_aandeel }}",
                        ),
                    ),
                ),
            ),
            If(
                "vorig",
                (
                    Table(
                        (
                            "Financiering",
                            "Cliënten {{ verslagjaar }}",
                            "Aandeel",
                            "Cliënten {{ vorig.verslagjaar }}",
                            "Aandeel",
                        ),
                        "algemene_informatie.clienten.rijen",
                        (
                            "{{ rij.financiering }}",
                            "{{ rij.aantal }}",
                            "{{ rij.aandeel }}",
                            "{{ rij.vorig_aantal }}",
                            "{{ rij.vorig_aandeel }}",
                        ),
                        L.COLUMNS_CM["clienten_vorig"],
                        totaal=(
                            "Totaal",
                            "{{ algemene_informatie.clienten.totaal }}",
                            "{{ algemene_informatie.clienten.totaal_aandeel }}",
                            "{{ algemene_informatie.clienten.vorig_totaal }}",
                            "{{ algemene_informatie.clienten.vorig_totaal_aandeel }}",
                        ),
                    ),
                ),
            ),
            If(
                "algemene_informatie.omzet",
                (
                    Heading("Omzet {{ verslagjaar }}"),
                    Table(
                        ("Financiering", "Omzet", "Aandeel"),
                        "algemene_informatie.omzet",
                        ("{{ rij.financiering }}", "{{ rij.bedrag }}", "{{ rij.aandeel }}"),
                        L.COLUMNS_CM["omzet"],
                        totaal=(
                            "Totaal",
                            "{{ algemene_informatie.omzet_totaal }}",
                            "{{ algemene_informatie.omzet_aandeel }}",
                        ),
                    ),
                ),
            ),
            eigen_paragrafen("algemene_informatie.paragrafen"),
        ),
    ),
    ForEach(
        "pijler",
        "pijlers",
        (
            Chapter(
                "{{ pijler.titel }}",
                (
                    Paragraphs("pijler.inleiding"),
                    Heading("Algemeen beeld"),
                    Paragraphs("pijler.algemeen_beeld"),
                    If("pijler.reflectie", (Heading("Reflectie op {{ verslagjaar }}"), Paragraphs("pijler.reflectie"))),
                    If("pijler.successen", (Heading("Successen"), Bullets("pijler.successen"))),
                    If("pijler.aandachtspunten", (Heading("Aandachtspunten"), Bullets("pijler.aandachtspunten"))),
                    If(
                        "pijler.doelen",
                        (
                            Heading("Doelen uit het meerjarenplan"),
                            Table(
                                ("Doel", "Gepland", "Status", "Toelichting"),
                                "pijler.doelen",
                                ("{{ rij.titel }}", "{{ rij.gepland }}", "{{ rij.status }}", "{{ rij.toelichting }}"),
                                L.COLUMNS_CM["doelen"],
                            ),
                        ),
                    ),
                    Heading("Ontwikkelpunten voor {{ volgend_jaar }}"),
                    Bullets("pijler.ontwikkelpunten"),
                    eigen_paragrafen("pijler.paragrafen"),
                ),
            ),
        ),
    ),
    Chapter(
        "Prestatie-indicatoren",
        (
            Paragraphs("prestatie_indicatoren_nvt"),
            ForEach(
                "indicator",
                "prestatie_indicatoren",
                (
                    Heading("{{ indicator.titel }}"),
                    Paragraphs("indicator.toelichting"),
                    If(
                        "indicator.kengetallen",
                        (
                            If(
                                "not indicator.met_vorig_jaar",
                                (
                                    Table(
                                        ("Kengetal", "Waarde"),
                                        "indicator.kengetallen",
                                        ("{{ rij.naam }}", "{{ rij.waarde }}"),
                                        L.COLUMNS_CM["kengetallen"],
                                    ),
                                ),
                            ),
                            If(
                                "indicator.met_vorig_jaar",
                                (
                                    Table(
                                        ("Kengetal", "{{ verslagjaar }}", "{{ vorig.verslagjaar }}"),
                                        "indicator.kengetallen",
                                        ("{{ rij.naam }}", "{{ rij.waarde }}", "{{ rij.vorig }}"),
                                        L.COLUMNS_CM["kengetallen_vorig"],
                                    ),
                                ),
                            ),
                        ),
                    ),
                    If("indicator.tabel", (eigen_tabel("indicator.tabel"),)),
                    If("indicator.bron", (Paragraph("Bron: {{ indicator.bron }}"),)),
                ),
            ),
        ),
        als="prestatie_indicatoren or prestatie_indicatoren_nvt",
    ),
    Chapter(
        "Spinnenweb KKFZ",
        (
            Together(
                (
                    Figure("spinnenweb_grafiek", "spinnenweb.beschrijving"),
                    Table(
                        ("Pijler", "Score {{ verslagjaar }}", "{{ spinnenweb.vorig_jaar_kop }}", "Betekenis"),
                        "spinnenweb.scores",
                        ("{{ rij.pijler }}", "{{ rij.score }}", "{{ rij.vorig_jaar }}", "{{ rij.betekenis }}"),
                        L.COLUMNS_CM["spinnenweb"],
                    ),
                )
            ),
            Paragraphs("spinnenweb.toelichting"),
        ),
        als="spinnenweb",
    ),
    Chapter(
        "Thema's",
        (
            CrossTable(
                "Thema",
                "themas.jaren",
                "themas.rijen",
                "{{ rij.titel }}",
                "rij.planning",
                (L.THEMA_TABLE_CM[0], L.THEMA_TABLE_CM[1]),
                laatste=("Toelichting", "{{ rij.toelichting }}"),
                laatste_cm=L.THEMA_TABLE_CM[2],
            ),
            Paragraph("{{ themas.legenda }}"),
        ),
        als="themas",
    ),
    eigen_paragrafen("hoofdstukken"),
)
"""The kwaliteitsverslag, in the handreiking's order."""


SPEERPUNT: tuple[Node, ...] = (
    Heading("{{ sp.kop }}", 3),
    If("sp.deadline", (Kenmerk("Deadline:", "{{ sp.deadline }}"),)),
    If("sp.verantwoordelijken", (Kenmerk("Verantwoordelijken:", "{{ sp.verantwoordelijken }}"),)),
    Paragraphs("sp.toelichting"),
    If("sp.risicos", (Kenmerk("Risico's"), Bullets("sp.risicos"))),
    If("sp.acties", (Kenmerk("Acties"), Bullets("sp.acties"))),
    If("sp.themas", (Kenmerk("Thema's:", "{{ sp.themas }}"),)),
)
"""One speerpunt of the meerjarenplan, as a card: code and titel, deadline, verantwoordelijken in order,
toelichting, risico's, acties, thema's."""

MEERJARENPLAN: tuple[Node, ...] = (
    If("logo", (Image("logo"),)),
    Paragraph("{{ titel }}", "title"),
    Paragraph("{{ organisatie.regel }}", "subtitle"),
    If("ondertitel", (Paragraph("{{ ondertitel }}"),)),
    Chapter("Inleiding", (Paragraphs("inleiding"), eigen_paragrafen("paragrafen")), als="inleiding or paragrafen"),
    Chapter(
        "Speerpunten in het kort",
        (
            Table(
                ("Code", "Speerpunt", "Deadline", "Eerst verantwoordelijk"),
                "overzicht",
                ("{{ rij.code }}", "{{ rij.titel }}", "{{ rij.deadline }}", "{{ rij.verantwoordelijke }}"),
                L.COLUMNS_CM["overzicht"],
            ),
        ),
        als="overzicht",
    ),
    ForEach(
        "pijler",
        "pijlers",
        (
            Chapter(
                "{{ pijler.titel }}",
                (
                    Paragraphs("pijler.inleiding"),
                    eigen_paragrafen("pijler.paragrafen"),
                    If(
                        "pijler.speerpunten",
                        (
                            Heading("Speerpunten {{ pijler.naam }}"),
                            ForEach("sp", "pijler.speerpunten", (Card(SPEERPUNT),)),
                        ),
                    ),
                ),
            ),
        ),
    ),
)
"""The meerjarenplan: the voorwoord and own paragrafen, an overview, then per pijler 1-5 its intro,
own paragrafen on current practice and its speerpunten as cards."""


# --- reading the outline over a context --------------------------------------------------------------


class Scope:
    """The context of one verslag plus the loop variables in force."""

    def __init__(self, context: Mapping[str, Any], names: Mapping[str, Any] | None = None):
        self.context = context
        self.names = dict(names or {})

    def with_name(self, naam: str, value: object) -> Scope:
        return Scope(self.context, {**self.names, naam: value})


def lookup(scope: Scope, pad: str) -> Any:
    """The value at a dotted context path, e.g. 'pijler.successen' or 'algemene_informatie.omzet'."""
    first, *rest = pad.split(".")
    value: Any = scope.names[first] if first in scope.names else scope.context[first]
    for part in rest:
        value = value[part]
    return value


def holds(scope: Scope, als: str) -> bool:
    """Whether a condition holds: one of its paths has something (a text, a list with items, ...),
    or equals the number it is compared with, or (after "not ") has nothing."""
    for part in als.split(" or "):
        part = part.strip()
        negated = part.startswith("not ")
        pad, _, number = part.removeprefix("not ").partition("==")
        value = lookup(scope, pad.strip())
        if ((value == int(number)) if number else bool(value)) != negated:
            return True
    return False


_TAG = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")


def fill(scope: Scope, template: str) -> str:
    """A text template with its tags filled in from the scope."""
    return _TAG.sub(lambda m: str(lookup(scope, m.group(1))), template)


def items(scope: Scope, pad: str) -> Sequence[Any]:
    return lookup(scope, pad) or ()


@define(frozen=True)
class FilledTable:
    """A table as it prints for one verslag: header, rows, total row, column widths; an empty column
    (no header, no values) is left out (render/tables.py), in Word as well."""

    koppen: list[str]
    rijen: list[list[str]]
    totaal: list[str] | None
    breedtes_cm: list[float]


def fill_table(node: Table | CrossTable, scope: Scope) -> FilledTable:
    """The header, rows and widths of a Table or a CrossTable for this scope, as they print."""
    table = _all_columns(node, scope)
    shown = shown_columns(table.koppen, [*table.rijen, *([table.totaal] if table.totaal else [])])
    if all(shown):
        return table

    def keep(row: list) -> list:
        return [v for v, show in zip(row, shown, strict=True) if show]

    widths = keep(table.breedtes_cm)  # the table keeps its width: the other columns share the room
    widths = [w * sum(table.breedtes_cm) / sum(widths) for w in widths]
    return FilledTable(
        keep(table.koppen), [keep(r) for r in table.rijen], keep(table.totaal) if table.totaal else None, widths
    )


def _all_columns(node: Table | CrossTable, scope: Scope) -> FilledTable:
    if isinstance(node, Table):
        rows = [[fill(scope.with_name("rij", rij), c) for c in node.cellen] for rij in items(scope, node.rijen)]
        totaal = [fill(scope, c) for c in node.totaal] if node.totaal else None
        return FilledTable([fill(scope, h) for h in node.koppen], rows, totaal, list(node.breedtes_cm))
    kolommen = [str(k) for k in items(scope, node.kolommen)]
    koppen = [fill(scope, node.hoek), *kolommen]
    breedtes = [node.breedtes_cm[0], *[node.breedtes_cm[1]] * len(kolommen)]
    rows = []
    for rij in items(scope, node.rijen):
        rs = scope.with_name("rij", rij)
        rows.append([fill(rs, node.label), *map(str, items(rs, node.waarden))])
        if node.laatste:
            rows[-1].append(fill(rs, node.laatste[1]))
    if node.laatste:
        koppen.append(node.laatste[0])
        breedtes.append(node.laatste_cm)
    return FilledTable(koppen, rows, None, breedtes)


END_TOGETHER = Together(())
"""Where a Together ends, in a walk."""


def walk(nodes: Sequence[Node], scope: Scope) -> Iterator[tuple[Node, Scope]]:
    """The nodes that show for this context, in order, each with its scope; If and ForEach resolved.

    A Chapter is yielded itself (its title), then its body's nodes; a Together is yielded itself,
    then its body's nodes, then END_TOGETHER; a Card is yielded itself, and the renderer walks its body.
    """
    for node in nodes:
        if isinstance(node, If):
            if holds(scope, node.als):
                yield from walk(node.body, scope)
        elif isinstance(node, ForEach):
            for item in items(scope, node.pad):
                yield from walk(node.body, scope.with_name(node.naam, item))
        elif isinstance(node, Chapter):
            if node.als is None or holds(scope, node.als):
                yield node, scope
                yield from walk(node.body, scope)
        elif isinstance(node, Together):
            yield node, scope  # a renderer that keeps things together starts here...
            yield from walk(node.body, scope)
            yield END_TOGETHER, scope  # ...and ends here
        else:  # a Card too: its body is laid out inside it
            yield node, scope

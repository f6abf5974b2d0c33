"""The Jinja environment for Word templates: a template prints the verslag's data and nothing else.

Templates come from users' disks and are passed around by e-mail, so the environment is built as
an allowlist, not a blocklist:
- a template reads plain data only: the keys of dicts (`organisatie.naam`), items of lists and
  texts, and the `loop` variable of a for-loop; every other attribute or method of any object
  (`.tpl`, `.__class__`, `.upper()`, `.items()`) is refused with SecurityError;
- only the filters in FILTERS exist (our number formats and harmless text and list filters);
- the only global is a bounded `range`; include, import and extends are refused at parse time;
- `*`, `**`, `%` and `+` are checked before they run, so '{{ "a" * 10**9 }}' or '{{ 9**(9**9) }}'
  fail at once instead of filling the memory.
What is still possible, a loop nested deep enough to run for hours or to print gigabytes, is stopped
by the time and memory limits of the worker process a custom template renders in (render/worker.py).

It also autoescapes (docxtpl's default is off, and its lenient XML parser then silently drops '&'
and '<') and is strict about undefined variables, so a typo in a template fails loudly.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .. import format as fmt

__all__ = [
    "FORMAT_FILTERS",
    "JINJA_ALLOWED",
    "LOOP_ATTRIBUTES",
    "MAX_BITS",
    "MAX_LENGTH",
    "MAX_RANGE",
    "MAX_WIDTH",
    "Geweigerd",
    "TemplateEnvironment",
    "bounded_range",
    "environment",
    "finalize",
]

MAX_RANGE = 10_000
"""The most numbers range() may give; nested loops are bounded by the time limit."""
MAX_LENGTH = 1_000_000
"""The longest text or list that *, + or % may make."""
MAX_BITS = 4_000
"""The largest whole number * and ** may make (about 1200 digits)."""
MAX_WIDTH = 1_000
"""The widest field a %-format may ask for ('%1000000000s')."""

LOOP_ATTRIBUTES = frozenset(
    {
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "cycle",
        "changed",
    }
)
"""What a template may read of `loop` (docxtpl's own {% hm %} and {% vm %} use first and length)."""

FORMAT_FILTERS = {
    "getal": fmt.getal,
    "procent": fmt.procent,
    "euro": fmt.euro,
    "datum": fmt.datum,
    "kwartaal": fmt.kwartaal,
}
"""Our filters: {{ gegevens.algemene_informatie.omzet.WLZ | euro }}."""

JINJA_ALLOWED = (
    "abs capitalize count d default dictsort e escape first float groupby int items join last length list lower "
    "map max min reject rejectattr replace reverse round select selectattr sort string striptags sum title trim "
    "truncate unique upper wordcount"
).split()
"""Jinja's filters that only compute with the data (docs/sjabloon.md lists them). Left out: those that
mark text as safe XML (safe, tojson, xmlattr, urlize), read attributes (attr), pad or repeat
text (center, indent, wordwrap, format, batch, slice), and random, pprint, filesizeformat, urlencode."""


class Geweigerd(SecurityError):
    """The sandbox refused something a template asked for; the message is Dutch and names it.

    zoek: a regular expression that finds the offending tag in the template's text.
    """

    def __init__(self, melding: str, zoek: str = "") -> None:
        super().__init__(melding)
        self.melding = melding
        self.zoek = zoek


def finalize(value: object) -> object:
    """Escape text for XML, and write braces as character references.

    After rendering, docxtpl turns '{_{' into '{{' (and '%_}' into '%}') in the XML text; a brace
    written as '&#123;' is only a brace once the XML is parsed, so user text stays exactly as typed.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


def bounded_range(*args: int) -> range:
    """range() with at most MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Geweigerd(
            f"range({', '.join(map(str, args))}) geeft {len(numbers):,} getallen; een sjabloon mag hooguit "
            f"{MAX_RANGE:,} getallen vragen".replace(",", "."),
            r"range\s*\(",
        )
    return numbers


@pass_eval_context
def _bounded_replace(eval_ctx, s: str, old: str, new: str, count: int | None = None) -> str:
    result = JINJA_FILTERS["replace"](eval_ctx, s, old, new, count)
    _check_length(len(result), "replace")
    return result


def _check_length(length: int, operator: str) -> None:
    if length > MAX_LENGTH:
        raise Geweigerd(
            f"'{operator}' maakt een tekst of lijst van {length:,} tekens of elementen; een sjabloon mag hooguit "
            f"{MAX_LENGTH:,} maken".replace(",", "."),
            re.escape(operator),
        )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before it is computed."""
    sized = (str, list, tuple)
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, sized) and _is_int(n):
                _check_length(len(seq) * max(n, 0), "*")
        if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_BITS:
            raise Geweigerd(
                "'*' maakt een getal van meer dan 1200 cijfers; dat kan een sjabloon niet nodig hebben", r"\*"
            )
    elif operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1 and math.log2(abs(left)) * right > MAX_BITS:
            raise Geweigerd(
                f"'**' maakt een getal van meer dan 1200 cijfers ({left} tot de macht {right}); dat kan een "
                "sjabloon niet nodig hebben",
                r"\*\*",
            )
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized):
            _check_length(len(left) + len(right), "+")
    elif operator == "%" and isinstance(left, str):
        for match in _PERCENT_FIELD.finditer(left):
            for width in match.groups():
                if width == "*" or (width and int(width) > MAX_WIDTH):
                    raise Geweigerd(
                        f"'%' vraagt een veld van {width} tekens breed; een sjabloon mag hooguit {MAX_WIDTH} vragen",
                        re.escape(match.group(0)),
                    )


_REFUSED_TAGS = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from",
    nodes.Extends: "extends",
}


class TemplateEnvironment(SandboxedEnvironment):
    """The sandbox described in the module docstring.

    It also compiles each template part once per process: docxtpl hands the same XML to
    from_string on every render, and compiling it is a sizeable part of a render.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=finalize)
        self.globals.clear()
        self.globals["range"] = bounded_range
        self.filters.clear()
        self.filters.update({name: JINJA_FILTERS[name] for name in JINJA_ALLOWED})
        self.filters["replace"] = _bounded_replace
        self.filters.update(FORMAT_FILTERS)
        self._compiled: dict[str, Any] = {}

    # --- what a template may read -----------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return isinstance(obj, LoopContext) and attr in LOOP_ATTRIBUTES

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`x.naam`: a key of a dict, an attribute of `loop`; nothing else."""
        if isinstance(obj, Undefined):
            return super().getattr(obj, attribute)  # raises the undefined-variable error
        if isinstance(obj, Mapping):
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        if isinstance(obj, LoopContext) and attribute in LOOP_ATTRIBUTES:
            return getattr(obj, attribute)
        raise _refuse(attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`x["naam"]`, `x[0]`: an item of a dict, list or text; nothing else."""
        if isinstance(obj, Undefined):
            return super().getitem(obj, argument)
        if isinstance(obj, Mapping | Sequence):
            try:
                return obj[argument]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=argument)
        raise _refuse(str(argument))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    # --- what a template may be -------------------------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(tuple(_REFUSED_TAGS)):
            woord = _REFUSED_TAGS[type(node)]
            raise Geweigerd(
                f"{{% {woord} %}} leest een ander bestand in, en dat mag een sjabloon niet; haal de tag weg en zet "
                "wat u nodig hebt in het sjabloon zelf",
                rf"\{{%-?\s*{woord}\b",
            )
        return tree

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 32:  # a few templates with a header and footer each
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


def _refuse(attribute: str) -> Geweigerd:
    return Geweigerd(
        f"'.{attribute}' mag niet: een sjabloon kan alleen de gegevens van het verslag afdrukken (de variabelen "
        "en filters in docs/sjabloon.md), geen eigenschappen of methoden van Python-objecten. Haal dit deel van "
        "de tag weg",
        rf"\.\s*{re.escape(attribute)}\b|\[\s*['\"]{re.escape(attribute)}['\"]",
    )


@functools.cache
def environment() -> TemplateEnvironment:
    """The one environment of this process (its compiled templates are kept)."""
    return TemplateEnvironment()

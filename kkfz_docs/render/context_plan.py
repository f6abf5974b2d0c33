"""The meerjarenplan as printable content, for its outline (outline.MEERJARENPLAN).

Like render/context.py for the verslag: cleaned texts and plain dicts, lists and strings, so the
Word template and the PDF story print the same.
"""

from __future__ import annotations

from ..meerjarenplan import Meerjarenplan
from ..sections.speerpunten import Speerpunt
from ..sections.themas import THEMA_NAMEN
from .context import Context, _alineas, _blokken, _regels, _t, kop

__all__ = ["build"]


def build(plan: Meerjarenplan) -> Context:
    """Everything the plan's template or PDF story prints."""
    periode = str(plan.periode)
    return {
        "periode": periode,
        **kop(plan, f"Meerjarenplan {periode}", "Meerjarenplan", ["meerjarenplan", "forensische zorg", periode]),
        "inleiding": _alineas(plan.inleiding),
        "paragrafen": _blokken(plan.paragrafen, 2),
        "overzicht": [
            {
                "code": _t(sp.code),
                "titel": _t(sp.titel),
                "deadline": str(sp.deadline) if sp.deadline else "",
                "verantwoordelijke": next(iter(_regels(sp.verantwoordelijken)), ""),
            }
            for _p, sp in plan.speerpunten
        ],
        "pijlers": [
            {
                "nummer": p.nummer.value,
                "titel": p.titel,
                "naam": p.nummer.naam.lower(),
                "inleiding": _alineas(p.inleiding),
                "paragrafen": _blokken(p.paragrafen, 2),
                "speerpunten": [_speerpunt(sp) for sp in p.speerpunten],
            }
            for p in plan.pijlers_op_volgorde
        ],
    }


def _speerpunt(sp: Speerpunt) -> Context:
    code, titel = _t(sp.code), _t(sp.titel)
    verantwoordelijken = _regels(sp.verantwoordelijken)
    return {
        "code": code,
        "titel": titel,
        "kop": " ".join(x for x in (code, titel) if x),
        "deadline": str(sp.deadline) if sp.deadline else "",
        # In order of responsibility; numbered when there is more than one.
        "verantwoordelijken": verantwoordelijken[0]
        if len(verantwoordelijken) == 1
        else "; ".join(f"{i}. {v}" for i, v in enumerate(verantwoordelijken, 1)),
        "toelichting": _alineas(sp.toelichting),
        "risicos": _regels(sp.risicos),
        "acties": _regels(sp.acties),
        "themas": "; ".join(f"{n}. {THEMA_NAMEN[n][0]}" for n in sp.themas),
    }

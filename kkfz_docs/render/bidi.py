"""Right-to-left text in a left-to-right document: the Unicode Bidirectional Algorithm (UAX #9),
for one line at a time, with a left-to-right paragraph level as in the Word file.

ReportLab lays out lines in logical order and cannot reorder them itself without its own
rlbidi package (not on PyPI), and not at all in paragraphs with more than one font. So the PDF
breaks lines in logical order and reorders each line here just before drawing it (rule L2).

Implemented: explicit embeddings, overrides and isolates (X1-X10, isolates treated as embeddings
of their own level run), weak types W1-W7, neutrals N1-N2, implicit levels I1-I2, L1 for
trailing whitespace, N0 bracket pairs (round, square and curly), L2 reordering and L4 mirroring.
Not implemented: isolating run sequences that span an isolate, which only matter for text
nested inside isolates.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["MIRROR", "bidi_class", "has_rtl", "levels", "reorder", "visual_order"]

MIRROR = dict(zip("()[]{}<>«»‹›⁅⁆⁽⁾₍₎≤≥", ")(][}{><»«›‹⁆⁅⁾⁽₎₍≥≤", strict=True))
_OPENING = {"(": ")", "[": "]", "{": "}"}
_REMOVED = ("RLE", "LRE", "RLO", "LRO", "PDF", "BN")
_MAX_DEPTH = 125
bidi_class = unicodedata.bidirectional


def has_rtl(text: str) -> bool:
    """Whether text holds anything that reorders a left-to-right line."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN", "RLE", "RLO", "RLI") for ch in text)


def levels(text: str) -> list[int]:
    """The embedding level of each character of one line in a left-to-right paragraph."""
    n = len(text)
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    lev = [0] * n
    # X1-X8: explicit embeddings, overrides and isolates.
    stack: list[tuple[int, str | None, bool]] = [(0, None, False)]  # level, override, isolate
    overflow = 0
    for i, t in enumerate(types):
        level, override, _ = stack[-1]
        if t in ("RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI"):
            isolate = t in ("RLI", "LRI", "FSI")
            new = (level + 1) | 1 if t in ("RLE", "RLO", "RLI") else (level + 2) & ~1
            lev[i] = level
            if isolate:
                types[i] = override or "ON"  # an isolate initiator is a neutral at the outer level
            if new <= _MAX_DEPTH and not overflow:
                stack.append((new, {"RLO": "R", "LRO": "L"}.get(t), isolate))
            else:
                overflow += 1
        elif t == "PDI":
            if any(entry[2] for entry in stack):
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                overflow = 0
            lev[i], override = stack[-1][0], stack[-1][1]
            types[i] = override or "ON"
        elif t == "PDF":
            if overflow:
                overflow -= 1
            elif len(stack) > 1 and not stack[-1][2]:
                stack.pop()
            lev[i] = stack[-1][0]
        else:
            lev[i] = level
            if override and t not in ("B", "BN"):
                types[i] = override
    # X9: removed characters are skipped, and in the end take the level of what precedes them.
    kept = [i for i in range(n) if types[i] not in _REMOVED]
    # X10: level runs of the kept characters.
    runs: list[list[int]] = []
    for i in kept:
        if runs and lev[runs[-1][-1]] == lev[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    explicit = lev[:]
    for r, run in enumerate(runs):
        before = explicit[runs[r - 1][-1]] if r else 0
        after = explicit[runs[r + 1][0]] if r + 1 < len(runs) else 0
        if bidi_class(text[run[-1]]) in ("LRI", "RLI", "FSI"):
            after = 0  # the text after an isolate does not reach into it (X10)
        if bidi_class(text[run[0]]) == "PDI":
            before = 0
        sos = "R" if max(before, explicit[run[0]]) % 2 else "L"
        eos = "R" if max(after, explicit[run[0]]) % 2 else "L"
        _resolve(text, types, lev, run, sos, eos)
    for i in range(n):
        if types[i] in _REMOVED:
            lev[i] = lev[i - 1] if i else 0
    # L1: whitespace at the end of the line goes back to the paragraph level.
    for i in reversed(range(n)):
        if unicodedata.bidirectional(text[i]) in ("WS", "S", "B", "BN", *_REMOVED, "LRI", "RLI", "FSI", "PDI"):
            lev[i] = 0
        else:
            break
    return lev


def _brackets(text: str, run: list[int], strong: list[str], e: str, sos: str) -> None:
    """N0: a bracket pair takes the embedding direction when it holds that direction, else the
    opposite direction when it holds that and the text before it has it too."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for k, i in enumerate(run):
        ch = text[i]
        if ch in _OPENING and strong[k] == "ON":
            stack.append((_OPENING[ch], k))
        elif ch in _OPENING.values() and strong[k] == "ON":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    for a, b in sorted(pairs):
        inside = set(strong[a + 1 : b])
        if e in inside:
            direction = e
        elif inside & {"L", "R"}:
            before = next((x for x in reversed(strong[:a]) if x in ("L", "R")), sos)
            direction = before
        else:
            continue
        strong[a] = strong[b] = direction


def _resolve(text: str, types: list[str], lev: list[int], run: list[int], sos: str, eos: str) -> None:
    t = [types[i] for i in run]
    # W1: a non-spacing mark takes the type of what precedes it.
    for k, x in enumerate(t):
        if x == "NSM":
            t[k] = t[k - 1] if k else sos
            if t[k] in ("LRI", "RLI", "FSI", "PDI"):
                t[k] = "ON"
    # W2/W3: European numbers after Arabic letters are Arabic numbers; AL becomes R.
    last = sos
    for k, x in enumerate(t):
        if x in ("L", "R", "AL"):
            last = x
        elif x == "EN" and last == "AL":
            t[k] = "AN"
    t = ["R" if x == "AL" else x for x in t]
    # W4: a single separator between two numbers of the same kind.
    for k in range(1, len(t) - 1):
        if t[k] == "ES" and t[k - 1] == t[k + 1] == "EN":
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    # W5: terminators next to European numbers are European numbers.
    for k, x in enumerate(t):
        if x == "EN":
            j = k - 1
            while j >= 0 and t[j] == "ET":
                t[j] = "EN"
                j -= 1
            j = k + 1
            while j < len(t) and t[j] == "ET":
                t[j] = "EN"
                j += 1
    # W6: remaining separators and terminators are neutral.
    t = ["ON" if x in ("ES", "ET", "CS") else x for x in t]
    # W7: European numbers after a left-to-right letter are left-to-right.
    last = sos
    for k, x in enumerate(t):
        if x in ("L", "R"):
            last = x
        elif x == "EN" and last == "L":
            t[k] = "L"
    strong = ["R" if x in ("R", "EN", "AN") else x for x in t]
    _brackets(text, run, strong, "R" if lev[run[0]] % 2 else "L", sos)
    # N1/N2: neutrals between two of the same direction take it, others the embedding direction.
    k = 0
    while k < len(t):
        if strong[k] in ("L", "R"):
            k += 1
            continue
        j = k
        while j < len(t) and strong[j] not in ("L", "R"):
            j += 1
        prev = strong[k - 1] if k else sos
        nxt = strong[j] if j < len(t) else eos
        for m in range(k, j):
            strong[m] = prev if prev == nxt else ("R" if lev[run[m]] % 2 else "L")
        k = j
    for k, x in enumerate(strong):
        if t[k] not in ("EN", "AN"):
            t[k] = x
    # I1/I2: implicit levels.
    for k, i in enumerate(run):
        even = lev[i] % 2 == 0
        if even and t[k] == "R":
            lev[i] += 1
        elif even and t[k] in ("AN", "EN"):
            lev[i] += 2
        elif not even and t[k] in ("L", "EN", "AN"):
            lev[i] += 1


def visual_order(text: str) -> list[int]:
    """The logical indices of one line's characters in the order they are drawn (left to right)."""
    lev = levels(text)
    order = list(range(len(text)))
    if not lev:
        return order
    top = max(lev)
    lowest_odd = min((v for v in lev if v % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        k = 0
        while k < len(order):
            if lev[order[k]] >= level:
                j = k
                while j < len(order) and lev[order[j]] >= level:
                    j += 1
                order[k:j] = reversed(order[k:j])
                k = j
            else:
                k += 1
    return order


def reorder(pieces: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
    """A line given as (text, tag) pieces in logical order, as pieces in drawing order: runs of
    one tag stay together where they are adjacent after reordering, and brackets in
    right-to-left runs are mirrored (L4)."""
    text = "".join(s for s, _ in pieces)
    tags = [tag for s, tag in pieces for _ in s]
    lev = levels(text)
    out: list[tuple[str, object]] = []
    for i in visual_order(text):
        ch = MIRROR.get(text[i], text[i]) if lev[i] % 2 else text[i]
        if out and out[-1][1] is tags[i]:
            out[-1] = (out[-1][0] + ch, tags[i])
        else:
            out.append((ch, tags[i]))
    return out

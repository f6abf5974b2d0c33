"""A small verslag as YAML text, with a place for each kind of value, for tests of what YAML does to
what people type (test_numbers, test_yaml_traps, test_pasted_text)."""

from __future__ import annotations

from pathlib import Path

import kkfz_docs as kd

PIJLERS = "".join(
    f"""\
  - nummer: {n}
    algemeen_beeld: Beeld {n}.
    reflectie: Reflectie {n}.
    successen: [Succes {n}.]
    aandachtspunten: [Aandachtspunt {n}.]
    ontwikkelpunten: [{{omschrijving: Ontwikkelpunt {n}., wanneer: Q2 2025}}]
"""
    for n in (1, 2, 3, 4)
)

BASIS = (
    """\
verslagjaar: 2024
organisatie:
  naam: Stichting De Proeftuin
  plaats: {plaats}
opgesteld_door: {opgesteld_door}
terugblik: {terugblik}
algemene_informatie:
  visie: Veilig en herstelgericht.
  zorgtypen: [{{setting: Ambulante begeleiding}}]
  clienten:
    forensische_zorg: {aantal}
    anders_gefinancierd:
      WMO: 25
  omzet:
    Forensische zorg: {bedrag}
    WMO: 312400
pijlers:
"""
    + PIJLERS.replace("{", "{{").replace("}", "}}")
    + """\
prestatie_indicatoren:
  - nummer: "2"
    naam: Continuïteit van zorg
    toelichting: Uitstroom naar vervolgzorg.
    kengetallen:
      Cliënten uitgestroomd: {kengetal}
    tabel:
      kolommen: [Beschermd wonen]
      rijen:
        - label: Ambulante begeleiding
          waarden:
            - {cel}
"""
)
STANDAARD = {
    "plaats": "Deventer",
    "opgesteld_door": "Team Kwaliteit",
    "terugblik": "Een goed jaar.",
    "aantal": "7",
    "bedrag": "1495580",
    "kengetal": "10",
    "cel": "1",
}


def tekst(**velden: str) -> str:
    """The YAML text of the small verslag, with some values typed differently."""
    return BASIS.format(**(STANDAARD | velden))


def schrijf(tmp_path: Path, text: str, naam: str = "verslag.yaml") -> Path:
    pad = tmp_path / naam
    pad.write_text(text, encoding="utf-8")
    return pad


def regel_van(text: str, stuk: str) -> int:
    """The line number (1-based) of the first line holding stuk (only a newline ends a line, as in an editor)."""
    return next(n for n, regel in enumerate(text.split("\n"), 1) if stuk in regel)


def fouten(tmp_path: Path, text: str) -> list[kd.Invoerfout]:
    """The problems load() reports for this YAML text (it must refuse it)."""
    try:
        kd.load(schrijf(tmp_path, text))
    except kd.OngeldigVerslag as e:
        return e.fouten
    raise AssertionError("load() nam het bestand aan")


def enige_fout(tmp_path: Path, text: str) -> kd.Invoerfout:
    found = fouten(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


def waarschuwingen(verslag: kd.Kwaliteitsverslag) -> list[kd.Bevinding]:
    return [b for b in kd.check(verslag, max_pages=None) if not b.is_fout]

import pytest

from kkfz_docs.values import Kwartaal, Periode, Pijler, WaardeFout


def test_kwartaal_parses_and_prints_the_same_text():
    assert str(Kwartaal.parse("Q4 2024")) == "Q4 2024"
    assert Kwartaal.parse("q1 2025") == Kwartaal(2025, 1)


@pytest.mark.parametrize("text", ["Q5 2024", "4e kwartaal 2024", "Q4", "2024 Q4"])
def test_kwartaal_rejects_other_forms(text):
    with pytest.raises(WaardeFout, match="Q4 2024"):
        Kwartaal.parse(text)


@pytest.mark.parametrize(
    ("value", "first", "last", "printed"),
    [
        (2025, 2025, 2025, "2025"),
        ("Q2 2025", 2025, 2025, "Q2 2025"),
        ("2024/2025", 2024, 2025, "2024/2025"),
        ("2024-2025", 2024, 2025, "2024-2025"),
        ("Q4 2024 - Q1 2025", 2024, 2025, "Q4 2024 - Q1 2025"),
    ],
)
def test_periode_accepts_years_quarters_and_ranges_and_keeps_the_separator_typed(value, first, last, printed):
    periode = Periode.parse(value)
    assert (periode.eerste_jaar, periode.laatste_jaar, str(periode)) == (first, last, printed)
    assert Periode.parse(periode.to_data()) == periode


def test_periode_range_must_not_end_before_it_starts():
    with pytest.raises(WaardeFout, match="eindigt voor ze begint"):
        Periode.parse("2025-2024")


def test_periode_rejects_free_text():
    with pytest.raises(WaardeFout, match="geen jaar of kwartaal"):
        Periode.parse("volgend jaar")


@pytest.mark.parametrize(
    ("alias", "pijler"),
    [
        ("Forensische vakmanschap", 2),
        ("forensisch Vakmanschap", 2),
        ("Organisatie van de zorg", 3),
        ("Organisatie van Zorg", 3),
        ("Samenwerking", 4),
        ("Pijler 1", 1),
        ("5", 5),
    ],
)
def test_pijler_accepts_the_handreikings_aliases(alias, pijler):
    assert Pijler.parse(alias) == Pijler(pijler)


def test_pijler_prints_the_canonical_name():
    assert Pijler.parse("Samenwerking").titel == "Pijler 4: Samenwerken"
    assert Pijler(2).naam == "Forensisch vakmanschap"


def test_pijler_rejects_unknown_names_and_numbers():
    with pytest.raises(WaardeFout, match="geen pijler"):
        Pijler.parse("Financiën")
    with pytest.raises(WaardeFout, match="1 tot en met 5"):
        Pijler.parse(6)

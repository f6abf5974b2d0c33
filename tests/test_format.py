import datetime as dt
from decimal import Decimal

from kkfz_docs.format import datum, euro, getal, kwartaal, procent
from kkfz_docs.values import Kwartaal, Periode


def test_getal_uses_dutch_grouping_and_decimal_comma():
    assert getal(1234567) == "1.234.567"
    assert getal(2.5) == "2,5"
    assert getal(Decimal("1495580.25")) == "1.495.580,25"


def test_getal_rounds_half_up_not_half_even():
    assert getal(0.125, 2) == "0,13"
    assert getal(2.5, 0) == "3"
    assert getal(3.5, 0) == "4"


def test_procent_has_one_decimal_and_no_space():
    assert procent(21.875) == "21,9%"
    assert procent(21.85) == "21,9%"
    assert procent(12.25) == "12,3%"
    assert procent(0) == "0,0%"
    assert procent(100) == "100,0%"


def test_procent_of_nothing_is_nvt():
    assert procent(None) == "n.v.t."


def test_euro_whole_amount_keeps_the_no_break_space():
    assert euro(1495580) == "€\xa01.495.580"


def test_euro_with_cents_rounds_half_up():
    assert euro(1495580, centen=True) == "€\xa01.495.580,00"
    assert euro(Decimal("10.005"), centen=True) == "€\xa010,01"


def test_datum_is_long_dutch_date():
    assert datum(dt.date(2024, 12, 31)) == "31 december 2024"
    assert datum(dt.date(2025, 5, 1)) == "1 mei 2025"


def test_kwartaal_prints_like_q4_2024():
    assert kwartaal(Kwartaal(2024, 4)) == "Q4 2024"
    assert kwartaal("q2  2025") == "Q2 2025"
    assert kwartaal(Periode.parse("2024/2025")) == "2024/2025"


def test_very_large_and_very_small_numbers_format_without_error():
    assert getal(3.4028234663852886e38).startswith("340.282.346.638.528.86")
    assert getal(1.7976931348623157e308, 0).endswith(".000")
    assert getal(5e-324).startswith("0,000") and getal(5e-324, 2) == "0,00"
    assert euro(1e20, centen=True) == "€\xa0100.000.000.000.000.000.000,00"

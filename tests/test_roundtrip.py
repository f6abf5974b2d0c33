import json

import yaml
from hypothesis import assume, given, settings
from strategies import verslagen

import kkfz_docs as kd


@settings(max_examples=60, deadline=None)
@given(verslagen())
def test_a_verslag_unstructures_and_loads_back_equal(verslag):
    assert kd.load(kd.to_data(verslag)) == verslag


@settings(max_examples=30, deadline=None)
@given(verslagen())
def test_a_verslag_survives_a_trip_through_a_yaml_file(tmp_path_factory, verslag):
    data = kd.to_data(verslag)
    # PyYAML's emitter writes U+0085 (NEL) unquoted and reads it back as a line break: its bug,
    # not ours, and no one types NEL into a verslag by hand.
    assume("\x85" not in json.dumps(data, default=str, ensure_ascii=False))
    path = tmp_path_factory.mktemp("rt") / "verslag.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert kd.load(path) == verslag


@settings(max_examples=30, deadline=None)
@given(verslagen())
def test_check_never_crashes_on_a_valid_verslag(verslag):
    for bevinding in kd.check(verslag):
        assert bevinding.melding and bevinding.niveau in kd.Niveau


def test_fixture_round_trips_through_json(tmp_path):
    from conftest import FIXTURES

    for fixture in FIXTURES:
        verslag = kd.load(fixture)
        path = tmp_path / f"{fixture.stem}.json"
        path.write_text(json.dumps(kd.to_data(verslag), default=str, ensure_ascii=False), encoding="utf-8")
        assert kd.load(path) == verslag

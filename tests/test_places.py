"""Place names across outlets: one key per place (``newsprism.compare.places``)."""

from __future__ import annotations

import pytest

from newsprism.compare.places import fold, place_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Salonika", "Thessaloniki"),
        ("Thessaloníki", "thessaloniki"),
        ("Kiev", "Kyiv"),
        ("Bombay", "Mumbai"),
        ("Peking", "Beijing"),
        ("Saigon", "Ho Chi Minh City"),
    ],
)
def test_two_names_of_one_city_share_a_key(a, b):
    assert place_key(a) == place_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Athens", "Thessaloniki"),
        ("Kyiv", "Moscow"),
        # a country or a US state is not its capital or its largest city
        ("Mexico", "Mexico City"),
        ("New York", "New York City"),
        ("Panama", "Panama City"),
        ("Kuwait", "Kuwait City"),
    ],
)
def test_different_places_keep_different_keys(a, b):
    assert place_key(a) != place_key(b)


def test_a_name_nobody_lists_is_itself_folded():
    assert place_key("Hawaiian  Gardens") == "hawaiian gardens"
    assert fold("Škoda Ŕoad") == "skoda road"

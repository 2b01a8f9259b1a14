"""The words a stem the site never uses could have been made from."""

import pytest

from search.query import unstemmed


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("carsat", {"carsat", "carsats", "carsate", "carsates"}),
        ("bureau", {"bureau", "bureaus", "bureaue", "bureaues", "bureaux"}),
        ("jeu", {"jeu", "jeus", "jeue", "jeues", "jeux"}),
        ("amical", {"amical", "amicals", "amicale", "amicales", "amicaux"}),
    ],
)
def test_plurals_in_x_only_where_french_makes_them(term, expected):
    assert unstemmed(term) == expected

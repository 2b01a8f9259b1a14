"""The words a stem the site never uses could have been made from."""

import pytest

from search.analysis import stem
from search.query import unstemmed


@pytest.mark.parametrize(
    "word", ["choix", "prix", "bureaux", "jeux", "carsats", "amicaux", "retraites", "flux"]
)
def test_the_word_typed_is_among_the_forms_of_its_stem(word):
    assert word in unstemmed(stem(word))

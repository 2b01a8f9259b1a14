"""French analysis, typo correction and synonyms of the site search.

The synonym tests build the synonyms they read (``SearchSynonymFactory``), with words the
demo does not use ("QBL", "Régie Quillevent")."""

import pytest
from django.core.exceptions import ValidationError

from search.analysis import fold, stem, term_set, terms, words
from search.spelling import Vocabulary, edit_distance
from search.synonyms import rewrites, synonym_groups
from tests.factories import SearchSynonymFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sécurité sociale", ["securite", "sociale"]),
        ("l'APL", ["apl"]),
        ("d’identité", ["identite"]),
        ("carte-grise", ["carte", "grise"]),
        ("Œuvre  ÉTÉ", ["oeuvre", "ete"]),
        ('"carte grise', ["carte", "grise"]),
        ("title:(a AND b*)", ["title", "a", "and", "b"]),
        ("", []),
    ],
)
def test_words_fold_case_accents_elisions_and_hyphens(text, expected):
    assert words(text) == expected


def test_fold_keeps_digits():
    assert fold("34700 Lodève") == "34700 lodeve"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("allocations", "allocation"),
        ("familiales", "familial"),
        ("familiaux", "familial"),
        ("familial", "familial"),
        ("impots", "impot"),
        ("impot", "impot"),
        ("vie", "vie"),
        ("34700", "34700"),
    ],
)
def test_stems_match_plural_and_feminine_forms(word, expected):
    assert stem(word) == expected


def test_terms_drop_stop_words_and_repeats():
    assert terms("Comment refaire ma carte Vitale ? La carte !") == ["refair", "cart", "vital"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("retraite", "retraite", 0),
        ("retraitte", "retraite", 1),
        ("imots", "impots", 1),
        ("pasport", "passeport", 2),
        ("permsi", "permis", 1),
        ("", "abc", 3),
    ],
)
def test_edit_distance_counts_transpositions_as_one(a, b, distance):
    assert edit_distance(a, b) == distance


def test_the_vocabulary_corrects_typos_to_the_most_used_nearest_word():
    vocabulary = Vocabulary({"retraite": 5, "passeport": 3, "impots": 4, "impot": 1, "lodeve": 2})
    assert vocabulary.correct("retraitte") == "retraite"
    assert vocabulary.correct("pasport") == "passeport"
    assert vocabulary.correct("imots") == "impots"
    assert vocabulary.correct("lodeve") is None  # known
    assert vocabulary.correct("abc") is None  # too short to guess
    assert vocabulary.correct("zzzzzzz") is None  # nothing near


def test_vocabulary_from_texts_counts_words():
    vocabulary = Vocabulary.from_texts([["carte", "grise"], ["carte"]])
    assert vocabulary.counts == {"carte": 2, "grise": 1}
    assert "grise" in vocabulary


@pytest.mark.django_db
def test_synonyms_rewrite_a_query_both_ways():
    # arrange: an acronym, a name and a phrase with an elided article, each with synonyms
    SearchSynonymFactory(expressions="QBL\nordre des baliseurs\ncorps des baliseurs")
    SearchSynonymFactory(expressions="RQV\nRégie Quillevent")
    SearchSynonymFactory(expressions="vignette fluviale\npermis d’éclusage")

    # act
    groups = synonym_groups("fr")

    # assert
    assert ["ordr", "baliseur", "rqv"] in rewrites(["qbl", "rqv"], groups)
    assert ["qbl"] in rewrites(["ordr", "baliseur"], groups)
    assert ["permi", "eclusag"] in rewrites(["vignett", "fluvial"], groups)
    assert rewrites(["passavant"], groups) == []


@pytest.mark.django_db
def test_saving_a_synonym_shows_at_once():
    # arrange
    SearchSynonymFactory(expressions="QBL\nordre des baliseurs")
    assert synonym_groups("fr") == [[("qbl",), ("ordr", "baliseur")]]  # now cached

    # act
    SearchSynonymFactory(expressions="Bureau Morvandel\nRégie Quillevent")

    # assert
    assert [("bureau", "morvandel"), ("regi", "quillevent")] in synonym_groups("fr")


@pytest.mark.django_db
def test_a_synonym_needs_two_different_expressions():
    synonym = SearchSynonymFactory.build(expressions="QBL\n  qbl \n")
    with pytest.raises(ValidationError):
        synonym.full_clean()


@pytest.mark.parametrize(
    "text",
    [
        "L'APL, carte-grise ; Sécurité sociale, œuvre d’identité, qu'est-ce ?",
        "Demander l’allocation aux adultes handicapés (AAH) — 2 500 €",
        "ÉTÉ Ça Noël naïf à Pézenas",
    ],
)
def test_the_term_set_of_a_page_is_its_terms(text):
    # act
    found = term_set(text)

    # assert
    assert found == set(terms(text))
    assert found

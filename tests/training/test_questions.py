"""The quiz engine's pure core: validation, scoring, what the browser sees, feedback."""

import json

import pytest

from training.questions import (
    Choice,
    InvalidQuestion,
    Kind,
    Numeric,
    Pair,
    Question,
    choice_keys,
    feedback_for,
    public_view,
    right_response,
    score,
)

SINGLE = Question(
    kind=Kind.SINGLE,
    title="Validité CNI",
    text="Combien de temps est valable la carte d’identité d’un majeur ?",
    choices=(
        Choice("5 ans", 0.0, "Non, c’est la durée d’un passeport de mineur."),
        Choice("10 ans", 1.0, "Oui."),
        Choice("15 ans", 0.0, "Seulement les anciennes cartes prolongées."),
        Choice("10 ans renouvelables une fois", 0.5),
    ),
    feedback="Depuis 2021, la CNI au format carte bancaire vaut 10 ans.",
)
MULTIPLE = Question(
    kind=Kind.MULTIPLE,
    text="Quelles aides verse la CAF ?",
    choices=(
        Choice("APL", 0.5, "Oui, l’aide au logement."),
        Choice("Prime d’activité", 0.5),
        Choice("Allocation de retour à l’emploi", -1.0, "Non : France Travail."),
        Choice("Carte Vitale", -0.5),
    ),
)
TRUE_FALSE = Question(
    kind=Kind.TRUE_FALSE,
    text="La carte grise se demande uniquement en ligne depuis 2017.",
    choices=(Choice("true", 1.0, "Exact."), Choice("false", 0.0, "Si : tout passe par l’ANTS.")),
)
SHORT = Question(
    kind=Kind.SHORT_ANSWER,
    text="Sur quel site fait-on la pré-demande de passeport ?",
    choices=(
        Choice("ants.gouv.fr", 1.0, "Bien."),
        Choice("ANTS", 0.5, "Précisez l’adresse."),
        Choice("*impots*", 0.0, "Non, ce n’est pas la DGFiP."),
    ),
)
NUMERICAL = Question(
    kind=Kind.NUMERICAL,
    text="Prix du timbre fiscal d’un passeport de majeur, en euros ?",
    numerics=(
        Numeric(86.0, 0.0, 1.0, "Exact."),
        Numeric(3.14, 0.01, 1.0),
        Numeric(90.0, 5.0, 0.5, "Presque."),
    ),
)
MATCHING = Question(
    kind=Kind.MATCHING,
    text="Associez chaque démarche à son opérateur.",
    pairs=(
        Pair("Prime d’activité", "CAF"),
        Pair("Déclaration de revenus", "DGFiP"),
        Pair("Passeport", "ANTS"),
        Pair("Carte grise", "ANTS"),
        Pair("", "MSA"),
    ),
)
ALL = (SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERICAL, MATCHING)


def key(question: Question, text: str) -> str:
    """The key of the choice reading ``text``."""
    return choice_keys(question)[[c.text for c in question.choices].index(text)]


def keys(question: Question, *texts: str) -> list[str]:
    return [key(question, text) for text in texts]


def answer(text: str) -> str:
    """The key of MATCHING's answer reading ``text``, as the browser gets it."""
    return {a["text"]: a["key"] for a in public_view(MATCHING, seed=0)["answers"]}[text]


def test_from_dict_fills_numeric_defaults():
    # arrange
    data = {"kind": "numerical", "text": "Q", "numerics": [{"value": 86}]}
    # act
    question = Question.from_dict(data)
    # assert
    assert question.numerics == (Numeric(86.0, 0.0, 1.0, ""),)
    assert question.text_format == "plain"


@pytest.mark.parametrize("question", ALL, ids=lambda q: str(q.kind))
def test_every_sample_question_is_valid_and_round_trips_through_json(question):
    # arrange
    question.validate()
    # act
    data = json.loads(json.dumps(question.to_dict()))
    # assert
    assert Question.from_dict(data) == question


@pytest.mark.parametrize(
    ("question", "code"),
    [
        (
            Question(Kind.SINGLE, "Q", choices=(Choice("a", 0.0), Choice("b", 0.5))),
            "no_right_answer",
        ),
        (
            Question(Kind.SINGLE, "Q", choices=(Choice("a", 1.0), Choice("b", 1.0))),
            "several_right_answers",
        ),
        (Question(Kind.SINGLE, "Q", choices=(Choice("a", 1.0),)), "too_few_choices"),
        (
            Question(Kind.MULTIPLE, "Q", choices=(Choice("a", 0.0), Choice("b", -0.5))),
            "no_right_answer",
        ),
        (
            Question(Kind.MULTIPLE, "Q", choices=(Choice("a", 1.5), Choice("b", 0.0))),
            "fraction_out_of_range",
        ),
        (
            Question(Kind.SINGLE, "Q", choices=(Choice("a", 1.0), Choice("b", -1.01))),
            "fraction_out_of_range",
        ),
        (Question(Kind.MATCHING, "Q", pairs=(Pair("a", "1"), Pair("", "2"))), "too_few_pairs"),
        (
            Question(Kind.TRUE_FALSE, "Q", choices=(Choice("vrai", 1.0), Choice("faux", 0.0))),
            "bad_true_false",
        ),
        (Question(Kind.SHORT_ANSWER, "Q", choices=(Choice("a", 0.5),)), "no_right_answer"),
        (
            Question(Kind.NUMERICAL, "Q", numerics=(Numeric(1.0, -0.1),)),
            "negative_tolerance",
        ),
        (Question(Kind.NUMERICAL, "Q", numerics=(Numeric(1.0, 0.0, 0.5),)), "no_right_answer"),
        (Question(Kind.SINGLE, "  ", choices=SINGLE.choices), "empty_question"),
        (Question(Kind.MULTIPLE, "Q", choices=(Choice("a", 1.0),)), "too_few_choices"),
        (
            Question(Kind.SINGLE, "Q", choices=SINGLE.choices, numerics=(Numeric(1.0),)),
            "unexpected_answers",
        ),
        (Question(Kind.SHORT_ANSWER, "Q"), "no_right_answer"),
        (Question(Kind.SHORT_ANSWER, "Q", choices=(Choice(" ", 1.0),)), "empty_answer"),
        (
            Question(Kind.SHORT_ANSWER, "Q", choices=(Choice("a", 1.0), Choice("b", -0.5))),
            "fraction_out_of_range",
        ),
        (Question(Kind.NUMERICAL, "Q"), "no_right_answer"),
        (
            Question(Kind.NUMERICAL, "Q", choices=(Choice("1", 1.0),), numerics=(Numeric(1.0),)),
            "unexpected_answers",
        ),
        (Question(Kind.NUMERICAL, "Q", numerics=(Numeric(float("nan")),)), "invalid_number"),
        (
            Question(Kind.NUMERICAL, "Q", numerics=(Numeric(1.0), Numeric(2.0, 0.0, 1.5))),
            "fraction_out_of_range",
        ),
        (
            Question(Kind.MATCHING, "Q", pairs=MATCHING.pairs, choices=(Choice("a", 1.0),)),
            "unexpected_answers",
        ),
        (Question(Kind.MATCHING, "Q", pairs=(Pair("a", "1"), Pair("b", " "))), "empty_answer"),
        (Question(Kind.SINGLE, "Q", choices=SINGLE.choices, text_format="rtf"), "bad_format"),
    ],
)
def test_validate_refuses_questions_that_cannot_be_scored(question, code):
    # arrange: the question above
    # act
    with pytest.raises(InvalidQuestion) as raised:
        question.validate()
    # assert
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("not a dict", "must be a dict"),
        ({"text": "Q"}, "'kind'"),
        ({"kind": "essay", "text": "Q"}, "essay"),
        ({"kind": "single", "text": "Q", "choices": [{"text": "a"}]}, "'fraction'"),
        ({"kind": "single", "text": "Q", "choices": "a,b"}, "must be a list"),
        (
            {"kind": "single", "text": "Q", "choices": [{"text": "a", "fraction": True}]},
            "finite number",
        ),
        ({"kind": "single", "text": 3}, "'text' must be a string"),
        ({"kind": "single", "text": "Q", "choices": ["a"]}, "expected a dict"),
        ({"kind": "numerical", "text": "Q", "numerics": [{}]}, "missing 'value'"),
        ({"kind": "numerical", "text": "Q", "numerics": [3]}, "expected a dict"),
        ({"kind": "matching", "text": "Q", "pairs": [{"prompt": "a"}]}, "missing 'answer'"),
        ({"kind": "single", "text": "Q", "choices": [{"text": "a", "fraction": 1}]}, "two"),
    ],
)
def test_from_dict_refuses_bad_data_with_a_value_error(data, message):
    # arrange: the data above
    # act
    with pytest.raises(ValueError, match=message):
        Question.from_dict(data)
    # assert: raised, with its message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10 ans", 1.0), ("5 ans", 0.0), ("10 ans renouvelables une fois", 0.5)],
)
def test_single_choice_scores_the_chosen_fraction(text, expected):
    # arrange
    response = key(SINGLE, text)
    # act
    result = score(SINGLE, response)
    # assert
    assert result == expected


@pytest.mark.parametrize("response", ["c9", "c01", "", None, 1, ["c0"], {"c0": 1}])
def test_an_invalid_choice_response_scores_zero(response):
    # arrange: SINGLE
    # act
    result = score(SINGLE, response)
    # assert
    assert result == 0.0


def test_choice_keys_follow_the_texts_not_the_order_written():
    # arrange: the same choices written in two orders, the right one first
    first = Question(Kind.SINGLE, "Q", choices=(Choice("b", 1.0), Choice("a", 0.0)))
    second = Question(Kind.SINGLE, "Q", choices=(Choice("a", 1.0), Choice("b", 0.0)))
    # act
    keys_first, keys_second = choice_keys(first), choice_keys(second)
    # assert
    assert (keys_first, keys_second) == (["c1", "c0"], ["c0", "c1"])


APL, PRIME, ARE, VITALE = (c.text for c in MULTIPLE.choices)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([APL, PRIME], 1.0),
        ([APL], 0.5),
        ([APL, APL], 0.5),
        ([APL, PRIME, VITALE], 0.5),
        ([APL, ARE], 0.0),
        ([ARE, VITALE], 0.0),
        ([APL, PRIME, ARE, VITALE], 0.0),
        ([], 0.0),
    ],
)
def test_multiple_choice_adds_fractions_with_partial_credit_clamped_to_0_1(texts, expected):
    # arrange
    response = keys(MULTIPLE, *texts)
    # act
    result = score(MULTIPLE, response)
    # assert
    assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ((key(MULTIPLE, APL),), 0.5),
        ([key(MULTIPLE, APL), "x"], 0.0),
        (key(MULTIPLE, APL), 0.0),
        ({key(MULTIPLE, APL): True}, 0.0),
        ([[key(MULTIPLE, APL)]], 0.0),
        (None, 0.0),
    ],
    ids=repr,
)
def test_multiple_choice_takes_a_list_or_tuple_of_known_keys(response, expected):
    # arrange: MULTIPLE
    # act
    result = score(MULTIPLE, response)
    # assert
    assert result == expected


def test_multiple_choice_total_never_exceeds_one():
    # arrange
    generous = Question(
        Kind.MULTIPLE, "Q", choices=(Choice("a", 0.7), Choice("b", 0.7), Choice("c", -0.2))
    )
    # act
    result = score(generous, ["c0", "c1"])
    # assert
    assert result == 1.0


@pytest.mark.parametrize(("response", "expected"), [("c0", 1.0), ("c1", 0.0), ("true", 0.0)])
def test_true_false_scores_all_or_nothing(response, expected):
    # arrange: TRUE_FALSE
    # act
    result = score(TRUE_FALSE, response)
    # assert
    assert result == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("ants.gouv.fr", 1.0),
        ("  ANTS.GOUV.FR ", 1.0),
        ("ants", 0.5),
        ("a n t s", 0.0),
        ("site des impots", 0.0),
        ("", 0.0),
        (12, 0.0),
    ],
)
def test_short_answer_ignores_case_and_spaces_and_takes_the_best_match(response, expected):
    # arrange: SHORT
    # act
    result = score(SHORT, response)
    # assert
    assert result == expected


def test_short_answer_keeps_accents_but_not_the_unicode_form_or_inner_spacing():
    # arrange
    question = Question(
        Kind.SHORT_ANSWER, "Q", choices=(Choice("Prime d’activité", 1.0), Choice("a\\*b", 1.0))
    )
    decomposed = "prime  d’activite\u0301"
    # act
    results = (
        score(question, decomposed),
        score(question, "prime d’activite"),
        score(question, "a*b"),
        score(question, "axxb"),
    )
    # assert
    assert results == (1.0, 0.0, 1.0, 0.0)


@pytest.mark.parametrize(
    ("accepted", "response", "expected"),
    [
        ("caf*", "CAF.fr", 1.0),
        ("caf*", "la caf", 0.0),
        ("*.fr", "www.caf.fr", 1.0),
        ("*.fr", "caf.fr.com", 0.0),
        ("a*a", "a", 0.0),
        ("a*a", "aa", 1.0),
        ("a*b*c", "a-c-b-c", 1.0),
        ("a*b*c", "a-c-b", 0.0),
        ("*", "n’importe quoi", 1.0),
    ],
)
def test_short_answer_wildcards_match_like_moodle_s(accepted, response, expected):
    # arrange
    question = Question(Kind.SHORT_ANSWER, "Q", choices=(Choice(accepted, 1.0),))
    # act
    result = score(question, response)
    # assert
    assert result == expected


def test_short_answer_wildcards_stay_fast_and_long_answers_are_not_compared():
    # arrange
    question = Question(Kind.SHORT_ANSWER, "Q", choices=(Choice("**a**a**a**a**b", 1.0),))
    # act
    results = (
        score(question, "a" * 255),
        score(question, "a" * 254 + "b"),
        score(question, "a" * 300 + "b"),
    )
    # assert
    assert results == (0.0, 1.0, 0.0)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("86", 1.0),
        (86, 1.0),
        ("86,0", 1.0),
        ("3,13", 1.0),
        (3.15, 1.0),
        ("3.16", 0.0),
        ("92", 0.5),
        ("95,5", 0.0),
        ("1 000", 0.0),
        ("quatre-vingt-six", 0.0),
        ("nan", 0.0),
        (float("inf"), 0.0),
        (True, 0.0),
        (None, 0.0),
    ],
)
def test_numerical_accepts_the_french_comma_within_tolerance(response, expected):
    # arrange: NUMERICAL (3.14 ± 0.01 sits on a floating point edge: 3.14 - 3.13 > 0.01)
    # act
    result = score(NUMERICAL, response)
    # assert
    assert result == expected


def test_numerical_reads_spaces_as_thousands_separators():
    # arrange
    question = Question(Kind.NUMERICAL, "Q", numerics=(Numeric(1000.5),))
    # act
    result = score(question, "1\u202f000,5")
    # assert
    assert result == 1.0


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"p0": "CAF", "p1": "DGFiP", "p2": "ANTS", "p3": "ANTS"}, 1.0),
        ({"p0": "CAF", "p1": "CAF", "p2": "ANTS"}, 0.5),
        ({"p0": "MSA", "p1": "MSA", "p2": "MSA", "p3": "MSA"}, 0.0),
        ({"p4": "MSA", "p0": "CAF"}, 0.25),
    ],
)
def test_matching_scores_the_share_of_prompts_matched(texts, expected):
    # arrange: MATCHING (two prompts share the answer ANTS, offered once; MSA a distractor)
    response = {prompt: answer(text) for prompt, text in texts.items()}
    # act
    result = score(MATCHING, response)
    # assert
    assert result == expected


@pytest.mark.parametrize(
    "response", [{"p0": "zz"}, {"p0": "a9"}, {"p0": ["a0"]}, ["a0"], {}], ids=repr
)
def test_matching_takes_a_dict_of_known_keys(response):
    # arrange: MATCHING
    # act
    result = score(MATCHING, response)
    # assert
    assert result == 0.0


def test_matching_answer_keys_do_not_follow_the_prompts():
    # arrange: each prompt's answer written in the same position as the prompt
    question = Question(Kind.MATCHING, "Q", pairs=(Pair("x", "3"), Pair("y", "1"), Pair("z", "2")))
    view = public_view(question, seed=0)
    # act
    by_text = {a["text"]: a["key"] for a in view["answers"]}
    # assert
    assert [by_text[p.answer] for p in question.pairs] == ["a2", "a0", "a1"]
    assert score(question, {"p0": "a2", "p1": "a0", "p2": "a1"}) == 1.0
    assert score(question, {"p0": "a0", "p1": "a1", "p2": "a2"}) == 0.0


@pytest.mark.parametrize("question", ALL, ids=lambda q: str(q.kind))
def test_right_response_is_worth_full_marks(question):
    # arrange: the sample question
    # act
    response = right_response(question)
    # assert
    assert score(question, response) == 1.0


def test_right_response_fills_a_short_answer_s_wildcards():
    # arrange
    question = Question(Kind.SHORT_ANSWER, "Q", choices=(Choice("Caf*.fr", 1.0),))
    # act
    response = right_response(question)
    # assert
    assert (response, score(question, response)) == ("caf.fr", 1.0)


@pytest.mark.parametrize("question", ALL, ids=lambda q: str(q.kind))
def test_public_view_never_shows_fractions_feedback_or_right_answers(question):
    # arrange
    secrets = ["fraction", "feedback", "correct", "tolerance"]
    secrets += [c.feedback for c in question.choices if c.feedback]
    secrets += [n.feedback for n in question.numerics if n.feedback]
    if question.feedback:
        secrets.append(question.feedback)
    if question.kind in (Kind.SHORT_ANSWER,):
        secrets += [c.text for c in question.choices]
    secrets += ["86", "3.14", "90"] if question.kind == Kind.NUMERICAL else []
    # act
    serialised = json.dumps(public_view(question, seed=7), ensure_ascii=False)
    # assert
    assert [secret for secret in secrets if secret in serialised] == []


def test_public_view_shows_choice_texts_with_their_keys():
    # arrange: SINGLE
    # act
    view = public_view(SINGLE, seed=3)
    # assert
    assert sorted((c["key"], c["text"]) for c in view["choices"]) == [
        ("c0", "10 ans"),
        ("c1", "10 ans renouvelables une fois"),
        ("c2", "15 ans"),
        ("c3", "5 ans"),
    ]
    assert set(view) == {"kind", "title", "text", "text_format", "choices"}


def test_public_view_order_is_stable_for_a_seed_and_changes_with_it():
    # arrange
    orders = {
        seed: [c["key"] for c in public_view(SINGLE, seed=seed)["choices"]] for seed in range(20)
    }
    # act
    again = [c["key"] for c in public_view(SINGLE, seed=5)["choices"]]
    # assert
    assert again == orders[5]
    assert len({tuple(order) for order in orders.values()}) > 5


def test_public_view_keeps_true_before_false():
    # arrange: TRUE_FALSE
    # act
    views = [public_view(TRUE_FALSE, seed=seed)["choices"] for seed in range(10)]
    # assert
    assert all(v == [{"key": "c0", "text": "true"}, {"key": "c1", "text": "false"}] for v in views)


def test_public_view_of_matching_lists_prompts_in_order_and_distinct_answers_shuffled():
    # arrange: a seed whose shuffle differs from the right order
    seed = next(
        s
        for s in range(50)
        if [a["text"] for a in public_view(MATCHING, seed=s)["answers"]][:3]
        != ["CAF", "DGFiP", "ANTS"]
    )
    # act
    view = public_view(MATCHING, seed=seed)
    # assert
    assert [p["key"] for p in view["prompts"]] == ["p0", "p1", "p2", "p3"]
    assert sorted(a["text"] for a in view["answers"]) == ["ANTS", "CAF", "DGFiP", "MSA"]
    assert [a["text"] for a in view["answers"]][:3] != ["CAF", "DGFiP", "ANTS"]
    assert {a["key"] for a in view["answers"]} == {"a0", "a1", "a2", "a3"}


def test_public_view_of_open_questions_has_no_answers_at_all():
    # arrange: SHORT and NUMERICAL
    # act
    views = [public_view(q, seed=1) for q in (SHORT, NUMERICAL)]
    # assert
    assert [set(v) for v in views] == [{"kind", "title", "text", "text_format"}] * 2


def test_feedback_for_single_choice_gives_the_chosen_feedback_and_the_right_answer():
    # arrange: SINGLE
    # act
    result = feedback_for(SINGLE, key(SINGLE, "5 ans"))
    # assert
    assert result["score"] == 0.0
    assert result["general_feedback"] == SINGLE.feedback
    assert [c["feedback"] for c in result["choices"]] == [SINGLE.choices[0].feedback, "", "", ""]
    assert [c["selected"] for c in result["choices"]] == [True, False, False, False]
    assert result["right_answers"] == ["10 ans", "10 ans renouvelables une fois"]


def test_feedback_for_multiple_choice_marks_each_choice():
    # arrange: MULTIPLE
    # act
    result = feedback_for(MULTIPLE, keys(MULTIPLE, APL, ARE))
    # assert
    assert result["score"] == 0.0
    assert [(c["selected"], c["correct"]) for c in result["choices"]] == [
        (True, True),
        (False, True),
        (True, False),
        (False, False),
    ]
    assert [c["feedback"] for c in result["choices"]] == [
        "Oui, l’aide au logement.",
        "",
        "Non : France Travail.",
        "",
    ]


def test_feedback_for_true_false_gives_the_chosen_side_s_feedback():
    # arrange: TRUE_FALSE
    # act
    result = feedback_for(TRUE_FALSE, "c1")
    # assert
    assert (result["score"], result["right_answers"]) == (0.0, ["true"])
    assert [c["feedback"] for c in result["choices"]] == ["", "Si : tout passe par l’ANTS."]


def test_feedback_for_short_answer_gives_the_matched_answer_s_feedback():
    # arrange: SHORT
    # act
    partial, caught, unknown = (
        feedback_for(SHORT, r) for r in ("Ants", "impots.gouv.fr", "mairie")
    )
    # assert
    assert (partial["score"], partial["answer_feedback"]) == (0.5, "Précisez l’adresse.")
    assert caught["answer_feedback"] == "Non, ce n’est pas la DGFiP."
    assert (unknown["answer_feedback"], unknown["right_answers"]) == ("", ["ants.gouv.fr"])


def test_feedback_for_numerical_gives_the_band_s_feedback_and_right_values():
    # arrange: NUMERICAL
    # act
    result = feedback_for(NUMERICAL, "91")
    # assert
    assert (result["score"], result["answer_feedback"]) == (0.5, "Presque.")
    assert result["right_answers"] == [
        {"value": 86.0, "tolerance": 0.0},
        {"value": 3.14, "tolerance": 0.01},
    ]


def test_feedback_for_matching_shows_given_and_right_answers():
    # arrange: MATCHING
    response = {"p0": answer("DGFiP"), "p1": answer("DGFiP"), "p3": answer("ANTS")}
    # act
    result = feedback_for(MATCHING, response)
    # assert
    assert result["score"] == 0.5
    assert [(p["given"], p["right"], p["correct"]) for p in result["pairs"]] == [
        ("DGFiP", "CAF", False),
        ("DGFiP", "DGFiP", True),
        ("", "ANTS", False),
        ("ANTS", "ANTS", True),
    ]

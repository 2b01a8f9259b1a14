"""GIFT, Moodle's question format: every syntax element, errors with their line, round trips."""

from pathlib import Path

import pytest

from training.formats import gift
from training.questions import Choice, Kind, Numeric, Pair, Question

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parents[2] / "portal/demo/content/training/quizzes/demo-ants.gift"
CATEGORY = "$course$/top/Défaut pour Formation CAF/Prestations familiales"


def parse_one(text: str) -> Question:
    questions = gift.parse(text)
    assert len(questions) == 1
    return questions[0]


def test_a_moodle_export_reads_whole():
    # arrange
    text = (DATA / "caf-prestations.gift").read_text(encoding="utf-8")
    # act
    questions = gift.parse(text)
    # assert
    assert [(q.kind, q.title) for q in questions] == [
        (Kind.SINGLE, "Organisme de la prime d'activité"),
        (Kind.MULTIPLE, "Aides au logement"),
        (Kind.TRUE_FALSE, "Déclaration trimestrielle RSA"),
        (Kind.SHORT_ANSWER, "Site de la CAF"),
        (Kind.NUMERICAL, "Âge ARS"),
        (Kind.NUMERICAL, "Quotient"),
        (Kind.NUMERICAL, "Délai de réponse"),
        (Kind.MATCHING, "Prestations et organismes"),
        (Kind.SHORT_ANSWER, "Mot manquant"),
        (Kind.SINGLE, "Caractères : spéciaux"),
        (Kind.TRUE_FALSE, "Plusieurs lignes"),
        (Kind.TRUE_FALSE, "Markdown"),
    ]
    assert {q.category for q in questions} == {CATEGORY}


def test_single_choice_reads_html_feedback_partial_credit_and_general_feedback():
    # arrange
    text = (DATA / "caf-prestations.gift").read_text(encoding="utf-8")
    # act
    question = gift.parse(text)[0]
    # assert
    assert question == Question(
        kind=Kind.SINGLE,
        title="Organisme de la prime d'activité",
        text="<p>Quel organisme verse la <strong>prime d'activité</strong> à un salarié du "
        "régime général ?</p>",
        text_format="html",
        category=CATEGORY,
        choices=(
            Choice(
                "<p>La CAF</p>", 1.0, "<p>Oui : la CAF, ou la MSA pour le régime agricole.</p>"
            ),
            Choice("<p>France Travail</p>", 0.0, "<p>Non, France Travail verse l'ARE.</p>"),
            Choice("<p>La DGFiP</p>", 0.0, "<p>Non, la DGFiP gère l'impôt sur le revenu.</p>"),
            Choice(
                "<p>La CAF ou la MSA selon le régime</p>",
                0.5,
                "<p>Presque : la question vise le régime général.</p>",
            ),
        ),
        feedback="<p>La prime d'activité est versée par la CAF (ou la MSA).</p>",
    )


def test_multiple_choice_reads_negative_and_fractional_weights():
    # arrange
    text = "Lesquelles ?{~%50%APL ~%50%ALS ~%-100%RSA#Non. ~%-33.33333%Prime de Noël}"
    # act
    question = parse_one(text)
    # assert
    assert question.kind == Kind.MULTIPLE
    assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [
        ("APL", 0.5, ""),
        ("ALS", 0.5, ""),
        ("RSA", -1.0, "Non."),
        ("Prime de Noël", -0.3333333, ""),
    ]


@pytest.mark.parametrize(
    ("answers", "right", "true_feedback", "false_feedback"),
    [
        ("{T}", "true", "", ""),
        ("{TRUE}", "true", "", ""),
        ("{F}", "false", "", ""),
        ("{FALSE}", "false", "", ""),
        ("{T#Faux, relisez.#Bravo.}", "true", "Bravo.", "Faux, relisez."),
        ("{F#Non, c’est faux.#Exact.}", "false", "Non, c’est faux.", "Exact."),
        ("{FALSE#Seulement si mauvaise réponse}", "false", "Seulement si mauvaise réponse", ""),
    ],
)
def test_true_false_reads_the_answer_and_its_two_feedbacks(
    answers, right, true_feedback, false_feedback
):
    # arrange
    text = f"La CNI est gratuite pour une première demande. {answers}"
    # act
    question = parse_one(text)
    # assert
    true, false = question.choices
    assert question.kind == Kind.TRUE_FALSE
    assert {true.fraction: "true", false.fraction: "false"}[1.0] == right
    assert (true.feedback, false.feedback) == (true_feedback, false_feedback)


def test_short_answer_keeps_every_accepted_answer_with_its_weight():
    # arrange
    text = "::Site::Adresse du site de la CAF ?{=caf.fr =www.caf.fr =%50%CAF#Incomplet.}"
    # act
    question = parse_one(text)
    # assert
    assert question.kind == Kind.SHORT_ANSWER
    assert question.choices == (
        Choice("caf.fr", 1.0),
        Choice("www.caf.fr", 1.0),
        Choice("CAF", 0.5, "Incomplet."),
    )


@pytest.mark.parametrize(
    ("answers", "numerics"),
    [
        ("{#18}", (Numeric(18.0),)),
        ("{#3.14:0.01}", (Numeric(3.14, 0.01),)),
        ("{#-2.5:0.5#Bien.}", (Numeric(-2.5, 0.5, 1.0, "Bien."),)),
        ("{#1..2}", (Numeric(1.5, 0.5),)),
        (
            "{#=1..2 =%50%3:1#Presque.}",
            (Numeric(1.5, 0.5), Numeric(3.0, 1.0, 0.5, "Presque.")),
        ),
        ("{#\n=2026\n=%50%2025:0\n}", (Numeric(2026.0), Numeric(2025.0, 0.0, 0.5))),
    ],
)
def test_numerical_reads_tolerances_ranges_and_weighted_answers(answers, numerics):
    # arrange
    text = f"Quelle valeur ? {answers}"
    # act
    question = parse_one(text)
    # assert
    assert (question.kind, question.numerics) == (Kind.NUMERICAL, numerics)


def test_matching_reads_pairs_and_a_distractor():
    # arrange
    text = "Associez.{=Prime d’activité -> CAF =Impôt sur le revenu -> DGFiP = -> MSA}"
    # act
    question = parse_one(text)
    # assert
    assert question.kind == Kind.MATCHING
    assert question.pairs == (
        Pair("Prime d’activité", "CAF"),
        Pair("Impôt sur le revenu", "DGFiP"),
        Pair("", "MSA"),
    )


def test_missing_word_puts_a_blank_where_the_braces_were():
    # arrange
    text = "L’ARS est versée en {=août =aout} de chaque année."
    # act
    question = parse_one(text)
    # assert
    assert question.text == "L’ARS est versée en _____ de chaque année."
    assert question.kind == Kind.SHORT_ANSWER


def test_escapes_stand_for_their_characters_and_backslash_n_for_a_new_line():
    # arrange
    text = (
        r"::Titre \: sous-titre::Que vaut \{x\} \= 1 ?\nRéponse \~ libre."
        r"{=un \# deux \\ trois#Note \: voir \= ici ~faux}"
    )
    # act
    question = parse_one(text)
    # assert
    assert question.title == "Titre : sous-titre"
    assert question.text == "Que vaut {x} = 1 ?\nRéponse ~ libre."
    assert question.choices[0] == Choice("un # deux \\ trois", 1.0, "Note : voir = ici")


def test_comments_are_dropped_even_between_a_question_s_lines():
    # arrange
    text = "// en-tête\n::Q::Question ?\n// note de l’auteur\n{T}\n// fin"
    # act
    question = parse_one(text)
    # assert
    assert (question.title, question.text) == ("Q", "Question ?")


def test_a_url_in_a_question_is_no_comment():
    # arrange
    text = "Le site https://www.impots.gouv.fr gère-t-il la déclaration ?{T}"
    # act
    question = parse_one(text)
    # assert
    assert question.text == "Le site https://www.impots.gouv.fr gère-t-il la déclaration ?"


def test_categories_apply_to_the_questions_that_follow():
    # arrange
    text = (
        "$CATEGORY: ANTS/Passeport\n\nQ1 {T}\n\nQ2 {F}\n\n$CATEGORY: $course$/top/Impôts\nQ3 {T}\n"
    )
    # act
    questions = gift.parse(text)
    # assert
    assert [(q.text, q.category) for q in questions] == [
        ("Q1", "ANTS/Passeport"),
        ("Q2", "ANTS/Passeport"),
        ("Q3", "$course$/top/Impôts"),
    ]


@pytest.mark.parametrize(
    ("marker", "text_format"),
    [("", "plain"), ("[plain]", "plain"), ("[html]", "html"), ("[markdown]", "markdown")],
)
def test_format_markers_are_read(marker, text_format):
    # arrange
    text = f"::Q::{marker}La **CAF** ?{{T}}"
    # act
    question = parse_one(text)
    # assert
    assert (question.text_format, question.text) == (text_format, "La **CAF** ?")


def test_windows_line_ends_and_a_bom_read_like_unix_ones():
    # arrange
    unix = (DATA / "caf-prestations.gift").read_text(encoding="utf-8")
    windows = ("\ufeff" + unix).replace("\n", "\r\n").encode("utf-8")
    # act
    questions = gift.parse(windows.decode("utf-8"))
    # assert
    assert questions == gift.parse(unix)


def test_descriptions_are_skipped():
    # arrange
    text = "Une consigne sans accolades.\n\nQ {T}"
    # act
    questions = gift.parse(text)
    # assert
    assert [q.text for q in questions] == ["Q"]


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("Q1 {T}\n\n// x\n::Q2:: Question {=a ~b", 4, "unclosed_brace"),
        ("Q1 {T}\n\n::Q2::\nQuestion\n{=a\n\n~b}", 3, "unclosed_brace"),
        ("Q1 {T}\n\nQuestion =a ~b}", 3, "unexpected_brace"),
        ("Q1 {T}\n\n\nQuestion {=%50%a ~b}", 4, "no_right_answer"),
        ("Q1 {T}\n\nQuestion {=a =b ~c}", 3, "several_right_answers"),
        ("Question {~a ~%-50%b}", 1, "no_right_answer"),
        ("Q1 {T}\n\nQuestion {####Seulement un commentaire}", 3, "empty_answer_set"),
        ("Q1 {T}\n\nQuestion {}", 3, "essay"),
        ("Q1 {T}\n\nQuestion {+a -b}", 3, "unknown_answer_marker"),
        ("Q1 {T}\n\nQuestion {Paris}", 3, "unknown_answer_marker"),
        ("Q1 {T}\n\nQuestion {a =b ~c}", 3, "unknown_answer_marker"),
        ("Q1 {T}\n\nQuestion {#=3 ~4}", 3, "unknown_answer_marker"),
        ("Q1 {T}\n\nQuestion {#trois}", 3, "invalid_number"),
        ("Q1 {T}\n\nQuestion {#3:un}", 3, "invalid_number"),
        ("Q1 {T}\n\nQuestion {#2..1}", 3, "invalid_number"),
        ("Q1 {T}\n\nQuestion {=%150%a ~b}", 3, "invalid_weight"),
        ("Q1 {T}\n\nQuestion {=%abc%a ~b}", 3, "invalid_weight"),
        ("Q1 {T}\n\nQuestion {= ~b}", 3, "empty_answer"),
        ("Q1 {T}\n\n::Titre::{T}", 3, "empty_question"),
        ("Q1 {T}\n\n::Titre sans fin {T}", 3, "unclosed_title"),
        ("Q1 {T}\n\nQuestion {=a -> 1}", 3, "too_few_pairs"),
        ("Q1 {T}\n\nQuestion {=a -> 1 =b 2}", 3, "bad_pair"),
        ("Q1 {T}\n\nQuestion {T} puis {F}", 3, "several_answer_sets"),
    ],
)
def test_malformed_input_is_refused_with_the_question_s_line(text, line, code):
    # arrange: the text above
    # act
    with pytest.raises(gift.GiftError) as raised:
        gift.parse(text)
    # assert
    assert (raised.value.line, raised.value.code) == (line, code)
    assert str(raised.value).startswith(f"line {line}: ")


def test_windows_line_ends_keep_error_lines():
    # arrange
    text = "\ufeffQ1 {T}\r\n\r\n// commentaire\r\nQ2 {=a ~b\r\n"
    # act
    with pytest.raises(gift.GiftError) as raised:
        gift.parse(text)
    # assert
    assert raised.value.line == 4


ROUND_TRIP_CASES = {
    "single": "::Q::[html]<p>Q \\: ?</p>{=a#bien ~b#non ~%50%c ####Général}",
    "multiple": "Q {~%50%a ~%50%b ~%-33.33333%c ~d}",
    "true_false": "Q {T#faux#vrai}",
    "true_false_wrong_only": "Q {F#seulement si faux}",
    "short_answer": "Q {=caf.fr =%50%CAF#Incomplet ####g}",
    "missing_word": "Le {=CAF} verse l’APL.",
    "numerical": "Q {#3.14:0.01#Bien}",
    "numerical_several": "Q {#=1..2 =%50%3:1 =%25%10}",
    "matching": "Q {=a -> 1 =b -> 2 = -> 3 ####Général}",
    "escapes": "::a\\:b::x \\{ \\} \\= \\~ \\# \\\\ \\n y {=r\\=1 ~w\\#2}",
    "categories": "$CATEGORY: A/B\n\nQ {T}\n\n$CATEGORY: C\n\nR {F}",
    "starts_like_a_marker": "[plain][html] n’est pas un format ici {T}",
}


@pytest.mark.parametrize("text", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_dump_then_parse_gives_the_same_questions(text):
    # arrange
    questions = gift.parse(text)
    # act
    again = gift.parse(gift.dump(questions))
    # assert
    assert again == questions


def test_a_whole_export_round_trips():
    # arrange
    questions = gift.parse((DATA / "caf-prestations.gift").read_text(encoding="utf-8"))
    # act
    again = gift.parse(gift.dump(questions))
    # assert
    assert again == questions


def test_dump_writes_moodle_s_layout():
    # arrange
    question = Question(
        Kind.SINGLE,
        "Durée : ?",
        title="CNI",
        choices=(Choice("10 ans", 1.0, "Oui"), Choice("15 ans", 0.0)),
        category="ANTS",
    )
    # act
    text = gift.dump([question])
    # assert
    assert text == "$CATEGORY: ANTS\n\n::CNI::Durée \\: ? {\n\t=10 ans#Oui\n\t~15 ans\n}\n"


def test_a_text_starting_with_slashes_is_not_dumped_as_a_comment():
    # arrange
    question = Question(
        Kind.TRUE_FALSE,
        "// pas un commentaire",
        choices=(Choice("true", 1.0), Choice("false", 0.0)),
    )
    # act
    again = gift.parse(gift.dump([question]))
    # assert
    assert again == [question]


def test_the_demo_quiz_covers_every_kind():
    # arrange
    text = DEMO.read_text(encoding="utf-8")
    # act
    questions = gift.parse(text)
    # assert
    assert len(questions) >= 8
    assert {q.kind for q in questions} == set(Kind)
    assert gift.parse(gift.dump(questions)) == questions

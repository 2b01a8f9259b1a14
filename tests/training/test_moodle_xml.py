"""Moodle XML question banks: every type, refused input with its line, round trips."""

from pathlib import Path

import pytest
from defusedxml import ElementTree

from training.formats import gift, moodle_xml
from training.questions import Choice, Kind, Numeric, Pair, Question

DATA = Path(__file__).parent / "data"
CATEGORY = "$course$/top/Défaut pour Formation DGFiP/Impôt sur le revenu"


def export() -> bytes:
    return (DATA / "dgfip-impots.xml").read_bytes()


def quiz(*questions: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"
    )


def test_a_moodle_export_reads_every_type_and_skips_descriptions():
    # arrange
    data = export()
    # act
    questions = moodle_xml.parse(data)
    # assert
    assert [(q.kind, q.title, q.text_format) for q in questions] == [
        (Kind.SINGLE, "Date de la déclaration", "html"),
        (Kind.MULTIPLE, "Espace particulier", "html"),
        (Kind.TRUE_FALSE, "Prélèvement à la source", "moodle"),
        (Kind.SHORT_ANSWER, "Numéro fiscal", "plain"),
        (Kind.NUMERICAL, "Chiffres du numéro fiscal", "html"),
        (Kind.MATCHING, "Documents fiscaux", "html"),
    ]
    assert {q.category for q in questions} == {CATEGORY}


def test_multichoice_reads_cdata_fractions_and_every_feedback():
    # arrange
    data = export()
    # act
    question = moodle_xml.parse(data)[0]
    # assert
    assert question == Question(
        kind=Kind.SINGLE,
        title="Date de la déclaration",
        text="<p>À partir de quel mois la déclaration de revenus en ligne ouvre-t-elle sur "
        "<em>impots.gouv.fr</em> ?</p>",
        text_format="html",
        category=CATEGORY,
        choices=(
            Choice("<p>Avril</p>", 1.0, "<p>Oui, en général mi-avril.</p>"),
            Choice("<p>Janvier</p>", 0.0),
            Choice("<p>Septembre</p>", 0.0, "<p>Non : septembre, c'est l'avis d'impôt.</p>"),
        ),
        feedback="<p>La campagne ouvre au printemps, les dates limites dépendent du "
        "département.</p>",
    )


def test_multiple_answers_keep_moodle_s_seven_decimal_fractions():
    # arrange
    data = export()
    # act
    question = moodle_xml.parse(data)[1]
    # assert
    assert [c.fraction for c in question.choices] == [0.3333333, 0.3333333, 0.3333334, -1.0]


def test_true_false_reads_each_side_s_feedback_in_order():
    # arrange
    data = quiz(
        '<question type="truefalse"><questiontext><text>Q</text></questiontext>'
        '<answer fraction="0"><text>FALSE</text><feedback><text>non</text></feedback></answer>'
        '<answer fraction="100"><text>True</text><feedback><text>oui</text></feedback></answer>'
        "</question>"
    )
    # act
    question = moodle_xml.parse(data)[0]
    # assert
    assert question.choices == (Choice("true", 1.0, "oui"), Choice("false", 0.0, "non"))


def test_short_answer_keeps_the_catch_all_feedback_answer():
    # arrange
    data = export()
    # act
    question = moodle_xml.parse(data)[3]
    # assert
    assert question.choices == (
        Choice("treize", 1.0, "Oui, 13 chiffres."),
        Choice("*", 0.0, "Non : il compte treize chiffres."),
    )


def test_numerical_reads_tolerance_and_skips_the_catch_all():
    # arrange
    data = quiz(
        '<question type="numerical"><questiontext><text>Q</text></questiontext>'
        '<answer fraction="100"><text>3.14</text><tolerance>0.01</tolerance></answer>'
        '<answer fraction="50"><text>3</text><tolerance>1</tolerance>'
        "<feedback><text>À peu près.</text></feedback></answer>"
        '<answer fraction="0"><text>*</text><feedback><text>Non.</text></feedback></answer>'
        "</question>"
    )
    # act
    question = moodle_xml.parse(data)[0]
    # assert
    assert question.numerics == (Numeric(3.14, 0.01), Numeric(3.0, 1.0, 0.5, "À peu près."))


def test_matching_reads_subquestions_and_a_distractor():
    # arrange
    data = export()
    # act
    question = moodle_xml.parse(data)[5]
    # assert
    assert question.pairs == (
        Pair("<p>Avis d'impôt</p>", "Justifier de ses revenus"),
        Pair("<p>Formulaire 2042</p>", "Déclarer ses revenus"),
        Pair("<p>Avis de taxe foncière</p>", "Payer l'impôt sur une propriété"),
        Pair("", "Demander une carte grise"),
    )


def test_escaped_html_reads_like_cdata():
    # arrange
    data = quiz(
        '<question type="shortanswer"><questiontext format="html">'
        "<text>&lt;p&gt;Caf&#233; &amp; imp&#xF4;ts&lt;/p&gt;</text></questiontext>"
        '<answer fraction="100"><text>oui</text></answer></question>'
    )
    # act
    question = moodle_xml.parse(data)[0]
    # assert
    assert question.text == "<p>Café & impôts</p>"


def test_text_and_latin1_bytes_read_alike():
    # arrange
    latin1 = export().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    latin1 = latin1.decode("utf-8").encode("iso-8859-1")
    # act
    from_text = moodle_xml.parse(export().decode("utf-8"))
    from_latin1 = moodle_xml.parse(latin1)
    # assert
    assert from_text == from_latin1 == moodle_xml.parse(export())


def test_malformed_xml_is_refused_with_its_line_and_column():
    # arrange
    data = quiz('<question type="truefalse">', "  <name><text>Q</name>", "</question>")
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert (raised.value.line, raised.value.code) == (4, "malformed_xml")
    assert "line 4, column 17" in raised.value.message


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE quiz SYSTEM "http://127.0.0.1/quiz.dtd">',
    ],
)
def test_doctype_and_entity_declarations_are_refused(prolog):
    # arrange
    data = f'<?xml version="1.0"?>\n{prolog}\n<quiz>&lol2;</quiz>'
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert (raised.value.code, raised.value.line) == ("forbidden_dtd", 2)


@pytest.mark.parametrize("moodle_type", ["essay", "calculated", "multianswer", "ddwtos", ""])
def test_an_unsupported_question_type_is_refused_with_its_line(moodle_type):
    # arrange
    good = '<question type="truefalse"><questiontext><text>Q</text></questiontext>'
    good += '<answer fraction="100"><text>true</text></answer>'
    good += '<answer fraction="0"><text>false</text></answer></question>'
    data = quiz(
        good, "", f'  <question type="{moodle_type}"><name><text>X</text></name></question>'
    )
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert (raised.value.line, raised.value.code) == (5, "unsupported_type")


@pytest.mark.parametrize(
    ("question", "line", "code"),
    [
        (
            '<question type="multichoice">\n<questiontext><text>Q</text></questiontext>\n'
            '<answer fraction="50"><text>a</text></answer>\n'
            '<answer fraction="0"><text>b</text></answer>\n</question>',
            3,
            "no_right_answer",
        ),
        (
            '<question type="multichoice">\n<questiontext><text>Q</text></questiontext>\n'
            '<answer fraction="100"><text>a</text></answer>\n'
            '<answer fraction="cent"><text>b</text></answer>\n</question>',
            6,
            "invalid_fraction",
        ),
        (
            '<question type="multichoice">\n<questiontext><text>Q</text></questiontext>\n'
            '<answer fraction="100"><text>a</text></answer>\n'
            '<answer fraction="-150"><text>b</text></answer>\n</question>',
            6,
            "invalid_fraction",
        ),
        (
            '<question type="numerical">\n<questiontext><text>Q</text></questiontext>\n'
            '<answer fraction="100"><text>trois</text></answer>\n</question>',
            5,
            "invalid_number",
        ),
        (
            '<question type="truefalse">\n<questiontext><text>Q</text></questiontext>\n'
            '<answer fraction="100"><text>true</text></answer>\n</question>',
            3,
            "bad_true_false",
        ),
        (
            '<question type="matching">\n<questiontext><text>Q</text></questiontext>\n'
            "<subquestion><text>a</text><answer><text>1</text></answer></subquestion>\n"
            "</question>",
            3,
            "too_few_pairs",
        ),
        (
            '<question type="shortanswer">\n<questiontext><text> </text></questiontext>\n'
            '<answer fraction="100"><text>a</text></answer>\n</question>',
            3,
            "empty_question",
        ),
        (
            '<question type="shortanswer">\n<questiontext format="rtf"><text>Q</text>'
            '</questiontext>\n<answer fraction="100"><text>a</text></answer>\n</question>',
            3,
            "bad_format",
        ),
    ],
)
def test_faulty_questions_are_refused_with_the_faulty_element_s_line(question, line, code):
    # arrange: the question starts on line 3
    data = quiz(question)
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert (raised.value.line, raised.value.code) == (line, code)


def test_another_root_element_is_refused():
    # arrange
    data = b"<?xml version='1.0'?>\n\n<manifest><question type='truefalse'/></manifest>"
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert (raised.value.line, raised.value.code) == (3, "not_a_quiz")


def test_nothing_is_returned_when_a_later_question_is_faulty():
    # arrange
    data = export().replace(b'type="matching"', b'type="essay"')
    # act
    with pytest.raises(moodle_xml.MoodleXmlError) as raised:
        moodle_xml.parse(data)
    # assert
    assert raised.value.code == "unsupported_type"


ROUND_TRIP_GIFT = {
    "single": "::Q::[html]<p>Q ?</p>{=a#bien ~b#non ~%50%c ####Général}",
    "multiple": "Q {~%33.33333%a ~%66.66667%b ~%-100%c#non ~d}",
    "true_false": "Q {F#faux#vrai}",
    "short_answer": "[markdown]**Q** {=caf.fr =%50%CAF#Incomplet =%0%*#Non}",
    "numerical": "Q {#=1..2#bien =%50%3:1 =%10%1e+16}",
    "matching": "[moodle]Q {=a -> 1 =b -> 2 = -> 3 ####g}",
    "cdata_end": "Q ]]> et <b> & {=]]> ~<![CDATA[x]]>}",
    "categories": "$CATEGORY: A/B\n\nQ {T}\n\n$CATEGORY: C\n\nR {T}",
}


@pytest.mark.parametrize("text", ROUND_TRIP_GIFT.values(), ids=ROUND_TRIP_GIFT.keys())
def test_dump_then_parse_gives_the_same_questions(text):
    # arrange
    questions = gift.parse(text)
    # act
    again = moodle_xml.parse(moodle_xml.dump(questions))
    # assert
    assert again == questions


def test_a_whole_export_round_trips():
    # arrange
    questions = moodle_xml.parse(export())
    # act
    again = moodle_xml.parse(moodle_xml.dump(questions))
    # assert
    assert again == questions


def test_gift_to_moodle_xml_and_back_keeps_the_questions():
    # arrange
    questions = gift.parse((DATA / "caf-prestations.gift").read_text(encoding="utf-8"))
    # act
    again = gift.parse(gift.dump(moodle_xml.parse(moodle_xml.dump(questions))))
    # assert
    assert again == questions


def test_dump_writes_moodle_s_structure():
    # arrange
    questions = gift.parse("$CATEGORY: ANTS\n\n::Q::Q {~%50%a ~%50%b ~%-100%c}")
    # act
    root = ElementTree.fromstring(moodle_xml.dump(questions))
    # assert
    category, question = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "ANTS"
    assert question.get("type") == "multichoice"
    assert question.findtext("name/text") == "Q"
    assert question.find("questiontext").get("format") == "plain_text"
    assert question.findtext("single") == "false"
    assert [a.get("fraction") for a in question.findall("answer")] == ["50", "50", "-100"]

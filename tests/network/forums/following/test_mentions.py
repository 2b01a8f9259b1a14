"""Mentions: full names of members, whatever the case and accents, the longest first; in a
quote they quote; unknown names, e-mail addresses and code mention nobody; shown in bold,
never outside the sanitised HTML."""

import re

import pytest

from network.forums.following.mentions import Names, mentioned, prefix_pattern, with_mentions
from network.forums.markdown import post_html

NAMES = Names(
    [
        (1, "Hélène", "Dupré"),
        (2, "Marie", "Martin"),
        (3, "Marie", "Martineau"),
        (4, "Jean-Pierre", "Œillet"),
        (5, "Marie", "Martin"),  # a namesake of 2
    ]
)


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        ("Merci @helene dupre !", {1}),
        ("Merci @HÉLÈNE DUPRÉ.", {1}),
        ("@Jean-Pierre Oeillet, une idée ?", {4}),
        ("Voir avec @Marie Martineau", {3}),
        ("Voir avec @Marie Martin, qui sait.", {2, 5}),
        ("(@Marie Martin)", {2, 5}),
    ],
)
def test_a_mention_is_a_full_name_whatever_its_case_and_accents(body, ids):
    # act
    mentions, quotes = mentioned(body, NAMES)
    # assert
    assert mentions == ids
    assert quotes == set()


@pytest.mark.parametrize(
    "body",
    [
        "Bonjour @Marie, ça va ?",  # a first name alone
        "Bonjour @Marie Martinet.",  # another name
        "Écrire à marie.martin@example.org",  # an e-mail address
        "Voir @Marie Martin-Durand",  # a longer name nobody bears
        "```\n@Marie Martin\n```",  # code
        "Un @ seul, et @@Marie Martin",
    ],
)
def test_unknown_names_and_other_ats_mention_nobody(body):
    # act
    mentions, quotes = mentioned(body, NAMES)
    # assert
    assert mentions == quotes == set()


def test_a_name_in_a_quote_quotes_that_member():
    # arrange
    body = "> @Hélène Dupré a écrit :\n>\n> La CAF répond.\n\nMerci, et @Marie Martineau ?"
    # act
    mentions, quotes = mentioned(body, NAMES)
    # assert
    assert quotes == {1}
    assert mentions == {3}


def test_mentions_show_in_bold_outside_links_and_code():
    # arrange
    body = (
        "Merci @Hélène Dupré & co <b>!</b>\n\n"
        "[@Marie Martin](https://example.org) `@Marie Martineau`"
    )
    # act
    html = with_mentions(post_html(body), NAMES)
    # assert
    assert '<strong class="portal-mention">@Hélène Dupré</strong> &amp; co &lt;b&gt;!' in html
    assert '<a href="https://example.org" rel="nofollow noopener">@Marie Martin</a>' in html
    assert "<code>@Marie Martineau</code>" in html
    assert html.count("<strong") == 1


def test_html_without_a_mention_is_left_as_it_was():
    # arrange
    html = post_html("Rien à signaler, @personne.")
    # act / assert
    assert with_mentions(html, NAMES) == html
    assert with_mentions(html, None) == html


def test_the_prefix_pattern_ignores_accents_and_starts_words():
    # arrange
    pattern = re.compile(prefix_pattern("hele"), re.IGNORECASE)
    # act / assert
    assert pattern.search("Hélène")
    assert pattern.search("Marie-Hélène")
    assert not pattern.search("Michele")


@pytest.mark.django_db
def test_names_are_loaded_only_when_the_text_may_mention(django_assert_num_queries):
    # act / assert
    with django_assert_num_queries(0):
        assert Names.for_text("Rien, ni contact@example.org") is None
    with django_assert_num_queries(1):
        assert Names.for_text("Merci @Marie") is not None

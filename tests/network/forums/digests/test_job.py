"""The digest job: once per member and period however often it runs, daily and weekly
periods, the e-mail's headers, its command's output and its number of queries."""

import json
from datetime import UTC, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from network.forums import services as forum_services
from network.forums.digests import selectors
from network.forums.digests.models import DigestFrequency, DigestPreference, DigestSent
from network.forums.digests.services import _send_once, send_digests, set_frequency
from network.forums.following.models import Level
from network.forums.following.services import set_level
from network.models import Role
from tests.network.conftest import make_member

from ..conftest import topic_in
from .conftest import MONDAY, WEDNESDAY, digests_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def watched_topic(members, spaces):
    """The agent watches the national space, where another agent opened a topic."""
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    return topic_in(spaces.national, members.other_agent, title="Question du mercredi")


def test_running_twice_sends_once(members, spaces, clock, watched_topic, mailoutbox):
    # arrange
    clock(MONDAY)
    send_digests(frequency=DigestFrequency.WEEKLY)
    clock(MONDAY + timedelta(minutes=30))
    forum_services.reply(topic=watched_topic, author=members.other_agent.user, body="Précision.")
    clock(MONDAY + timedelta(hours=1))
    # act
    outcome = send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    assert outcome.sent == 0
    assert len(digests_in(mailoutbox, members.agent.user)) == 1
    assert DigestSent.objects.filter(user=members.agent.user).count() == 1


def test_a_period_claimed_by_another_run_is_not_sent_again(
    members, spaces, clock, watched_topic, mailoutbox
):
    # arrange: two instances picked the same digest; the first one sent it
    clock(MONDAY)
    (digest,) = [
        d
        for d in selectors.digests(DigestFrequency.WEEKLY, now=MONDAY)
        if d.user == members.agent.user
    ]
    start = selectors.period_start(DigestFrequency.WEEKLY, MONDAY)
    assert _send_once(digest, frequency=DigestFrequency.WEEKLY, period_start=start, now=MONDAY)
    # act
    again = _send_once(digest, frequency=DigestFrequency.WEEKLY, period_start=start, now=MONDAY)
    # assert
    assert again is False
    assert len(digests_in(mailoutbox, members.agent.user)) == 1


def test_the_next_weeks_digest_holds_only_what_came_since(
    members, spaces, clock, watched_topic, mailoutbox
):
    # arrange
    clock(MONDAY)
    send_digests(frequency=DigestFrequency.WEEKLY)
    clock(MONDAY + timedelta(days=2))
    forum_services.reply(topic=watched_topic, author=members.trainer.user, body="Nouveauté.")
    clock(MONDAY + timedelta(days=7))
    # act
    outcome = send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    _first, second = digests_in(mailoutbox, members.agent.user)
    assert outcome.sent == 2  # the agent, and the topic's author told of the reply
    assert "Question du mercredi" in second.body
    assert "Nouveauté." in second.body and "Bonjour à tous." not in second.body
    assert DigestPreference.objects.get(
        user=members.agent.user
    ).last_sent_at == MONDAY + timedelta(days=7)


def test_daily_digests_hold_one_day_and_leave_the_weekly_run(
    members, spaces, clock, watched_topic, mailoutbox
):
    # arrange: the topic is from Wednesday, a reply from Sunday
    set_frequency(user=members.agent.user, frequency=DigestFrequency.DAILY)
    clock(MONDAY - timedelta(hours=3))
    forum_services.reply(topic=watched_topic, author=members.trainer.user, body="Dimanche soir.")
    clock(MONDAY)
    # act
    send_digests(frequency=DigestFrequency.WEEKLY)
    weekly = digests_in(mailoutbox, members.agent.user)
    send_digests(frequency=DigestFrequency.DAILY)
    # assert
    assert weekly == []
    (daily,) = digests_in(mailoutbox, members.agent.user)
    assert "Dimanche soir." in daily.body and "Bonjour à tous." not in daily.body


def test_a_daily_digest_goes_every_day_and_a_weekly_one_once_a_week(
    members, spaces, clock, watched_topic, mailoutbox
):
    # arrange: the other agent (who watches their own topic) stays weekly
    set_frequency(user=members.agent.user, frequency=DigestFrequency.DAILY)
    clock(MONDAY - timedelta(hours=1))
    forum_services.reply(topic=watched_topic, author=members.trainer.user, body="Lundi.")
    clock(MONDAY)
    send_digests(frequency=DigestFrequency.DAILY)
    send_digests(frequency=DigestFrequency.WEEKLY)
    clock(MONDAY + timedelta(hours=12))
    forum_services.reply(topic=watched_topic, author=members.trainer.user, body="Mardi.")
    clock(MONDAY + timedelta(days=1))
    # act
    send_digests(frequency=DigestFrequency.DAILY)
    send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    assert len(digests_in(mailoutbox, members.agent.user)) == 2
    assert len(digests_in(mailoutbox, members.other_agent.user)) == 1


def test_never_gets_no_digest(members, spaces, clock, watched_topic, mailoutbox):
    # arrange
    set_frequency(user=members.agent.user, frequency=DigestFrequency.NEVER)
    clock(MONDAY)
    # act
    for frequency in (DigestFrequency.DAILY, DigestFrequency.WEEKLY):
        send_digests(frequency=frequency)
    # assert
    assert digests_in(mailoutbox, members.agent.user) == []


def test_the_digest_carries_one_click_unsubscribe_headers_and_html(
    members, spaces, clock, watched_topic, mailoutbox, settings
):
    # arrange
    settings.PUBLIC_BASE_URL = "https://www.example.gouv.fr"
    clock(MONDAY)
    # act
    send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    (message,) = digests_in(mailoutbox, members.agent.user)
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith(
        "<https://www.example.gouv.fr/espace-agents/forums/digest/desabonnement/"
    )
    assert link.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link[1:-1] in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "Question du mercredi" in html
    assert f"https://www.example.gouv.fr/espace-agents/forums/national/{watched_topic.pk}/" in html


def test_the_command_says_how_many_it_sent(members, spaces, clock, watched_topic, mailoutbox):
    # arrange
    clock(MONDAY)
    out = StringIO()
    # act
    call_command("send_forum_digests", "--frequency", "weekly", stdout=out)
    call_command("send_forum_digests", stdout=out)
    # assert: the agent, and the other agent told of nothing new (their own topic): one
    assert out.getvalue().splitlines() == [
        "1 weekly digest(s) sent, 0 failed.",
        "0 daily digest(s) sent, 0 failed.",
        "0 weekly digest(s) sent, 0 failed.",
    ]
    assert len(digests_in(mailoutbox)) == 1


def _watchers(count: int, space) -> None:
    for number in range(count):
        profile = make_member(f"veilleur{number}@example.org", Role.NATIONAL_CELL)
        set_level(user=profile.user, space=space, level=Level.WATCHING)


# The queries the job asks whatever the number of members (recipients, the window's posts,
# their subscriptions), and those it asks per member who gets a digest: the spaces they
# read, the claim of the period (savepoint, insert, release), the preference's last date
# (update, then insert when the member had no row), all in a transaction (a savepoint in
# tests). Measured: 59 queries for 7 digests, 99 for 12, 179 for 22.
FIXED_QUERIES = 3
QUERIES_PER_MEMBER = 8


@pytest.mark.parametrize("watchers", [5, 10])
def test_the_job_asks_a_constant_number_of_queries_per_member(
    members, spaces, clock, django_assert_num_queries, watchers
):
    # arrange: several topics and replies, so that nothing grows with them either
    _watchers(watchers, spaces.national)
    clock(WEDNESDAY)
    for number in range(3):
        topic = topic_in(spaces.national, members.other_agent, title=f"Sujet {number}")
        forum_services.reply(topic=topic, author=members.trainer.user, body="Réponse.")
    clock(MONDAY)
    # act, assert: the 2 authors get one too (the other agent, the trainer)
    with django_assert_num_queries(FIXED_QUERIES + QUERIES_PER_MEMBER * (watchers + 2)):
        outcome = send_digests(frequency=DigestFrequency.WEEKLY)
    assert outcome.sent == watchers + 2


def test_the_data_export_holds_the_digest_preference_and_those_sent(
    members, spaces, clock, watched_topic, member_client
):
    # arrange
    clock(MONDAY)
    send_digests(frequency=DigestFrequency.WEEKLY)
    # act
    response = member_client(members.agent).get("/espace-agents/mes-donnees/export.json")
    # assert
    assert json.loads(response.content)["forum_digest"] == {
        "frequency": "weekly",
        "last_sent_at": MONDAY.astimezone(UTC).isoformat(),
        "sent": [{"frequency": "weekly", "period_start": "2026-03-09"}],
    }

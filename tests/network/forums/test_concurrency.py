"""The forums' once-only writes under real concurrency, each thread on its own connection
(``tests.concurrency``), on SQLite and on PostgreSQL: four digest jobs running at the same
instant send a member's digest once; a member's report sent four times at once counts
once."""

import pytest

from network.forums.digests.models import DigestFrequency
from network.forums.digests.services import send_digests
from network.forums.following.models import Level
from network.forums.following.services import set_level
from network.forums.models import Post
from network.forums.moderation import services as moderation
from network.forums.moderation.models import Report, ReportReason
from portal.models import User
from tests.concurrency import at_once, read_rows

from .conftest import topic_in
from .digests.conftest import MONDAY, WEDNESDAY, digests_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RUNS = 4


def test_digest_jobs_running_at_once_send_each_digest_once(
    skeleton_kept, members, spaces, time_machine, request, mailoutbox
):
    # arrange: the agent watches the national space, where a topic was opened on Wednesday
    time_machine.move_to(WEDNESDAY, tick=False)
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic_in(spaces.national, members.other_agent, title="Question du mercredi")
    time_machine.move_to(MONDAY, tick=False)
    path = request.getfixturevalue("database_for_threads")
    # act
    outcomes, errors = at_once(
        path, lambda _: send_digests(frequency=DigestFrequency.WEEKLY), range(RUNS)
    )
    # assert
    assert errors == []
    assert sorted(outcome.sent for outcome in outcomes) == [0] * (RUNS - 1) + [1]
    assert len(digests_in(mailoutbox, members.agent.user)) == 1


def test_a_report_sent_several_times_at_once_counts_once(skeleton_kept, members, spaces, request):
    # arrange
    topic = topic_in(spaces.national, members.other_agent, title="Un sujet signalé")
    post_pk = topic.posts.get().pk
    reporter_pk = members.agent.user.pk
    path = request.getfixturevalue("database_for_threads")

    def report(_) -> bool:
        return moderation.report_post(
            post=Post.objects.get(pk=post_pk),
            reporter=User.objects.get(pk=reporter_pk),
            reason=ReportReason.PERSONAL_DATA,
        )

    # act
    newly_reported, errors = at_once(path, report, range(RUNS))
    # assert
    assert errors == []
    assert sorted(newly_reported) == [False] * (RUNS - 1) + [True]
    rows = read_rows(
        path,
        f"SELECT COUNT(*) FROM {Report._meta.db_table} WHERE post_id = %s",  # noqa: S608
        [post_pk],
    )
    assert rows == [(1,)]

"""The moderation's pages: reporting (readers only), the queue (its space's moderators
only, also as CSV), reviews and mutes as POST forms, the hidden posts and the log on the
topic, in a constant number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.forums import services
from network.forums.moderation import services as moderation
from network.forums.moderation.models import ModerationAction, Mute, Report, ReportReason

from ..conftest import topic_in

pytestmark = pytest.mark.django_db

SECRET = "Le message que les signalements cachent."


def report_url(post) -> str:
    return reverse("forums:report_post", args=[post.pk])


def queue_url(space) -> str:
    return reverse("forums:moderation_queue", args=[space.slug])


def reported(post, *reporters):
    for reporter in reporters:
        moderation.report_post(post=post, reporter=reporter.user, reason=ReportReason.SPAM)


def test_a_reader_reports_a_post_with_a_reason(member_client, members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    client = member_client(members.coordinator)
    # act
    form = client.get(report_url(post))
    response = client.post(
        report_url(post), {"reason": ReportReason.OTHER, "note": "Un nom de famille."}
    )
    again = client.post(report_url(post), {"reason": ReportReason.SPAM}, follow=True)
    # assert
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.note) == (
        members.coordinator.user,
        ReportReason.OTHER,
        "Un nom de famille.",
    )
    assert "Vous avez déjà signalé ce message." in again.content.decode()


def test_other_without_a_note_is_refused_with_a_message(member_client, members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    client = member_client(members.coordinator)
    # act
    response = client.post(report_url(post), {"reason": ReportReason.OTHER, "note": ""})
    # assert
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert not Report.objects.exists()


def test_one_does_not_report_ones_own_post(member_client, members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    client = member_client(members.agent)
    # act
    response = client.post(report_url(post), {"reason": ReportReason.SPAM})
    # assert
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_post_one_cannot_read_is_not_found(member_client, members, spaces):
    # arrange
    post = topic_in(spaces.auvergne, members.other_agent).posts.get()
    client = member_client(members.agent)
    # act
    page = client.get(report_url(post))
    sent = client.post(report_url(post), {"reason": ReportReason.SPAM})
    forged = client.get(reverse("forums:report_post", args=[post.pk + 1000]))
    # assert
    assert (page.status_code, sent.status_code, forged.status_code) == (404, 404, 404)
    assert not Report.objects.exists()


def test_a_hidden_post_shows_as_such_to_members_and_in_full_to_moderators(
    settings, member_client, members, spaces
):
    # arrange
    settings.FORUM_HIDE_AFTER_REPORTS = 2
    topic = topic_in(spaces.occitanie, members.agent, body=SECRET)
    reported(topic.posts.get(), members.coordinator, members.region_coordinator)
    # act
    as_member = member_client(members.agent).get(topic.get_absolute_url()).content.decode()
    as_moderator = (
        member_client(members.coordinator).get(topic.get_absolute_url()).content.decode()
    )
    # assert
    assert SECRET not in as_member and "Message masqué en attente de modération." in as_member
    assert SECRET in as_moderator and "Masqué en attente d’examen" in as_moderator


def test_the_topic_shows_report_links_but_not_for_ones_own_or_reported_posts(
    member_client, members, spaces
):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    other = services.reply(topic=topic, author=members.coordinator.user, body="Réponse.")
    third = services.reply(topic=topic, author=members.region_coordinator.user, body="Autre.")
    reported(third, members.agent)
    # act
    page = member_client(members.agent).get(topic.get_absolute_url()).content.decode()
    # assert
    assert report_url(other) in page
    assert report_url(topic.posts.first()) not in page
    assert report_url(third) not in page and "Signalé" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),  # of the Hérault, in Occitanie
        ("region_coordinator", 200),
        ("national", 200),
        ("agent", 404),  # reads the space, does not moderate it
        ("other_coordinator", 404),  # another region's coordinator
        ("trainer", 404),
    ],
)
def test_the_queue_is_for_the_spaces_moderators_only(member_client, members, spaces, who, status):
    # arrange
    client = member_client(getattr(members, who))
    # act
    response = client.get(queue_url(spaces.occitanie))
    csv_response = client.get(queue_url(spaces.occitanie), {"format": "csv"})
    # assert
    assert (response.status_code, csv_response.status_code) == (status, status)


def test_the_queue_groups_reports_by_post_and_downloads_as_csv(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent, title="=Sujet signalé")
    post = topic.posts.get()
    moderation.report_post(
        post=post, reporter=members.coordinator.user, reason=ReportReason.PERSONAL_DATA
    )
    moderation.report_post(
        post=post,
        reporter=members.region_coordinator.user,
        reason=ReportReason.OTHER,
        note="Un nom.",
    )
    client = member_client(members.national)
    # act
    page = client.get(queue_url(spaces.occitanie))
    download = client.get(queue_url(spaces.occitanie), {"format": "csv"})
    # assert
    assert [(item.post, len(item.reports)) for item in page.context["items"]] == [(post, 2)]
    assert reverse("forums:review_post", args=[post.pk]) in page.content.decode()
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode().lstrip("\ufeff"))))
    assert rows[0][:3] == ["message", "sujet", "auteur"]
    assert rows[1][1] == "'=Sujet signalé"  # no formula
    reasons = f"{ReportReason.PERSONAL_DATA.label} | {ReportReason.OTHER.label}: Un nom."
    assert rows[1][4:] == ["2", "0", reasons]


def test_the_queues_queries_do_not_grow_with_the_reports(member_client, members, spaces):
    # arrange
    client = member_client(members.national)

    def queries_with(count: int) -> int:
        topic = topic_in(spaces.occitanie, members.coordinator)
        for index in range(count):
            post = services.reply(
                topic=topic, author=members.region_coordinator.user, body=f"R {index}"
            )
            reported(post, members.agent, members.coordinator)
        moderation.mute(
            space=spaces.occitanie,
            member=members.agent.user,
            by=members.national.user,
            days=1,
            reason="Essai.",
        )
        client.get(queue_url(spaces.occitanie))  # the site's caches warmed
        with CaptureQueriesContext(connection) as queries:
            assert client.get(queue_url(spaces.occitanie)).status_code == 200
        return len(queries)

    # act
    small, large = queries_with(1), queries_with(6)
    # assert
    assert small == large


def test_a_moderator_reviews_from_the_queue(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    post = topic.posts.get()
    reported(post, members.region_coordinator)
    client = member_client(members.coordinator)
    # act
    response = client.post(
        reverse("forums:review_post", args=[post.pk]),
        {"decision": "delete", "reason": "Hors sujet."},
    )
    # assert
    assert response.status_code == 302 and response["Location"] == queue_url(spaces.occitanie)
    post.refresh_from_db()
    assert post.deleted_at is not None
    assert ModerationAction.objects.get().reason == "Hors sujet."


@pytest.mark.parametrize(("who", "status"), [("agent", 404), ("other_coordinator", 404)])
def test_others_do_not_review(member_client, members, spaces, who, status):
    # arrange
    post = topic_in(spaces.occitanie, members.coordinator).posts.get()
    reported(post, members.region_coordinator)
    client = member_client(getattr(members, who))
    # act
    response = client.post(reverse("forums:review_post", args=[post.pk]), {"decision": "delete"})
    get = client.get(reverse("forums:review_post", args=[post.pk]))
    # assert
    assert (response.status_code, get.status_code) == (status, 405)
    assert Report.objects.get().reviewed_at is None


def test_a_moderator_mutes_and_unmutes_a_member(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    client = member_client(members.coordinator)
    mute_url = reverse("forums:mute_member", args=[spaces.occitanie.slug, members.agent.user.pk])
    # act
    form = client.get(mute_url)
    client.post(mute_url, {"days": "7", "reason": "Propos déplacés."})
    queue = client.get(queue_url(spaces.occitanie)).content.decode()
    refused = member_client(members.agent).post(topic.get_absolute_url(), {"body": "Encore moi."})
    new_topic = member_client(members.agent).post(
        reverse("forums:new_topic", args=[spaces.occitanie.slug]),
        {"title": "Nouveau", "kind": "discussion", "body": "Encore moi."},
    )
    member_page = member_client(members.agent).get(topic.get_absolute_url()).content.decode()
    client = member_client(members.coordinator)
    client.post(
        reverse("forums:unmute_member", args=[spaces.occitanie.slug, members.agent.user.pk])
    )
    # assert
    assert form.status_code == 200
    assert "Propos déplacés." in queue
    assert refused.status_code == 403 and "Propos déplacés." in refused.content.decode()
    assert (
        new_topic.status_code == 403
        and "écrire dans cet espace jusqu’au" in new_topic.content.decode()
    )
    assert "Vous ne pouvez pas écrire dans cet espace jusqu’au" in member_page
    assert Mute.objects.get().lifted_at is not None


def test_a_bad_duration_is_a_form_error(member_client, members, spaces):
    # arrange
    client = member_client(members.coordinator)
    mute_url = reverse("forums:mute_member", args=[spaces.occitanie.slug, members.agent.user.pk])
    # act
    response = client.post(mute_url, {"days": "365", "reason": "Essai."})
    # assert
    assert response.status_code == 200 and response.context["form"].errors["days"]
    assert not Mute.objects.exists()


@pytest.mark.parametrize("who", ["agent", "other_coordinator"])
def test_others_do_not_mute(member_client, members, spaces, who):
    # arrange
    client = member_client(getattr(members, who))
    url = reverse("forums:mute_member", args=[spaces.occitanie.slug, members.agent.user.pk])
    # act
    responses = [client.get(url), client.post(url, {"days": "1", "reason": "Essai."})]
    # assert
    assert [response.status_code for response in responses] == [404, 404]
    assert not Mute.objects.exists()


def test_the_log_shows_on_the_topic_without_names_for_members(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    services.set_locked(topic=topic, by=members.region_coordinator.user, locked=True)
    post = services.reply(topic=topic, author=members.coordinator.user, body="Réponse.")
    reported(post, members.agent)
    moderation.review_post(post=post, by=members.region_coordinator.user, keep=True)
    name = members.region_coordinator.user.get_full_name()
    # act
    as_member = member_client(members.agent).get(topic.get_absolute_url()).content.decode()
    as_moderator = (
        member_client(members.coordinator).get(topic.get_absolute_url()).content.decode()
    )
    # assert
    assert "Sujet verrouillé par la modération le" in as_member
    assert name not in as_member and "Message signalé gardé" not in as_member
    assert f"Sujet verrouillé par {name} le" in as_moderator
    assert "Message signalé gardé" in as_moderator


def test_the_topics_queries_do_not_grow_with_reports(settings, member_client, members, spaces):
    # arrange
    settings.FORUM_HIDE_AFTER_REPORTS = 1
    client = member_client(members.coordinator)

    def queries_with(count: int) -> int:
        topic = topic_in(spaces.occitanie, members.agent)
        for index in range(count):
            post = services.reply(topic=topic, author=members.agent.user, body=f"R {index}")
            reported(post, members.region_coordinator)
        services.set_pinned(topic=topic, by=members.region_coordinator.user, pinned=True)
        client.get(topic.get_absolute_url())  # the site's caches warmed
        with CaptureQueriesContext(connection) as queries:
            assert client.get(topic.get_absolute_url()).status_code == 200
        return len(queries)

    # act
    small, large = queries_with(1), queries_with(6)
    # assert
    assert small == large


def test_the_report_form_does_not_show_a_hidden_post(settings, member_client, members, spaces):
    # arrange
    settings.FORUM_HIDE_AFTER_REPORTS = 2
    post = topic_in(spaces.national, members.agent, body=SECRET).posts.get()
    reported(post, members.trainer, members.other_agent)
    client = member_client(members.coordinator)  # reads the national space, moderates not
    # act
    page = client.get(report_url(post)).content.decode()
    # assert
    assert SECRET not in page and "Message masqué en attente de modération." in page


def test_a_hidden_post_is_neither_quoted_nor_its_attachments_served(
    settings, member_client, members, spaces
):
    # arrange
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.FORUM_HIDE_AFTER_REPORTS = 2
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    topic = services.create_topic(
        space=spaces.national,
        author=members.agent.user,
        title="Un formulaire",
        body=SECRET,
        uploads=[services.checked_upload(SimpleUploadedFile("piece.pdf", pdf))],
    )
    post = topic.posts.get()
    attachment = post.attachments.get()
    reported(post, members.trainer, members.other_agent)
    quote_url = f"{topic.get_absolute_url()}?citer={post.pk}"
    # act
    reader = member_client(members.coordinator)
    quoted = reader.get(quote_url).content.decode()
    served = reader.get(attachment.get_absolute_url())
    moderator_served = member_client(members.national).get(attachment.get_absolute_url())
    # assert
    assert SECRET not in quoted
    assert served.status_code == 404
    assert moderator_served.status_code == 200

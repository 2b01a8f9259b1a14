"""The forums' pages: what a member may not read is a 404, what they may not do a 403;
the guard's findings in the form; queries constant; attachments private."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.forums import services
from network.forums.models import Attachment, Post, Topic

from .conftest import topic_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
NIR = "1 85 03 34 172 123 11"


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }


def test_the_forums_list_the_spaces_a_member_reads(member_client, members, spaces):
    # arrange
    topic_in(spaces.occitanie, members.agent)
    client = member_client(members.agent)
    # act
    response = client.get(reverse("forums:index"))
    # assert
    listed = {space.slug: space for space in response.context["spaces"]}
    assert spaces.occitanie.slug in listed and spaces.auvergne.slug not in listed
    assert spaces.private.slug in listed
    assert listed[spaces.occitanie.slug].topic_count == 1
    assert "no-store" in response["Cache-Control"]


def test_another_regions_space_and_topics_are_not_found(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.auvergne, members.other_agent)
    client = member_client(members.agent)
    # act
    space_page = client.get(reverse("forums:space", args=[spaces.auvergne.slug]))
    topic_page = client.get(topic.get_absolute_url())
    forged = client.get(reverse("forums:topic", args=[spaces.occitanie.slug, topic.pk]))
    history = client.get(reverse("forums:post_history", args=[topic.posts.get().pk]))
    private = member_client(members.coordinator).get(spaces.private.get_absolute_url())
    # assert
    assert [r.status_code for r in (space_page, topic_page, forged, history, private)] == [404] * 5


def test_replying_in_a_locked_topic_is_forbidden(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    services.set_locked(topic=topic, by=members.coordinator.user, locked=True)
    client = member_client(members.agent)
    # act
    response = client.post(topic.get_absolute_url(), {"body": "Encore"})
    # assert
    assert response.status_code == 403
    assert topic.posts.count() == 1


def test_a_non_asker_marking_the_solution_is_forbidden(member_client, members, spaces):
    # arrange
    question = topic_in(spaces.national, members.agent, kind="question")
    answer = services.reply(topic=question, author=members.trainer.user, body="Voici.")
    # act
    response = member_client(members.other_agent).post(
        reverse("forums:mark_solution", args=[answer.pk])
    )
    solved = member_client(members.agent).post(reverse("forums:mark_solution", args=[answer.pk]))
    # assert
    assert response.status_code == 403
    assert solved.status_code == 302
    question.refresh_from_db()
    assert question.solution == answer


def test_a_nir_is_refused_and_the_text_stays_in_the_form(member_client, members, spaces):
    # arrange
    client = member_client(members.agent)
    body = f"Bonjour, l’usager (NIR {NIR}) attend."
    # act
    response = client.post(
        reverse("forums:new_topic", args=[spaces.national.slug]),
        {"title": "Un dossier", "kind": "question", "body": body, "confirm": "on"},
    )
    # assert
    assert response.status_code == 200
    assert not Topic.objects.exists()
    assert response.context["form"]["body"].value() == body
    assert response.context["form"].errors["body"]
    assert not response.context["form"].warned


def test_a_warning_asks_for_confirmation_then_publishes(member_client, members, spaces):
    # arrange
    client = member_client(members.agent)
    topic = topic_in(spaces.national, members.agent)
    body = "Vous pouvez me joindre au 04 67 00 00 00."
    # act
    warned = client.post(topic.get_absolute_url(), {"body": body})
    confirmed = client.post(topic.get_absolute_url(), {"body": body, "confirm": "on"})
    # assert
    assert warned.status_code == 200 and warned.context["form"].warned
    assert 'name="confirm"' in warned.content.decode()
    assert confirmed.status_code == 302
    assert topic.posts.last().body == body


def test_quoting_prefills_the_reply(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent, body="Ligne un\nLigne deux")
    quoted = topic.posts.get()
    # act
    response = member_client(members.other_agent).get(
        topic.get_absolute_url(), {"citer": quoted.pk}
    )
    # assert
    initial = response.context["form"]["body"].value()
    assert "@Agent Testeur" in initial
    assert "> Ligne un\n> Ligne deux" in initial


def test_a_deleted_post_shows_as_deleted_and_its_history_to_moderators(
    member_client, members, spaces
):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent, body="Texte d’origine")
    post = topic.posts.get()
    services.edit_post(post=post, editor=members.agent.user, body="Texte secret corrigé")
    services.delete_post(post=post, by=members.agent.user)
    # act
    page = member_client(members.agent).get(topic.get_absolute_url())
    history = member_client(members.coordinator).get(
        reverse("forums:post_history", args=[post.pk])
    )
    # assert
    content = page.content.decode()
    assert "Texte secret" not in content
    assert "Message deleted." in content or "Message supprimé" in content
    assert history.status_code == 200
    assert "Texte d’origine" in history.content.decode()


def test_moving_a_topic_through_its_page(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    client = member_client(members.national)
    # act
    response = client.post(
        reverse("forums:move_topic", args=[topic.pk]), {"space": spaces.national.pk}
    )
    refused = member_client(members.coordinator).post(
        reverse("forums:move_topic", args=[topic.pk]), {"space": spaces.national.pk}
    )
    # assert
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.space == spaces.national
    assert refused.status_code == 403


def test_an_attachment_is_served_to_readers_only(member_client, members, spaces):
    # arrange
    client = member_client(members.agent)
    response = client.post(
        reverse("forums:new_topic", args=[spaces.occitanie.slug]),
        {
            "title": "Le formulaire",
            "kind": "discussion",
            "body": "Le voici.",
            "attachments": [upload("Dossier Mme X.pdf", PDF)],
        },
    )
    attachment = Attachment.objects.get()
    # act
    served = client.get(attachment.get_absolute_url())
    other = member_client(members.other_agent).get(attachment.get_absolute_url())
    forged = member_client(members.other_agent).get(
        reverse("forums:attachment", args=[attachment.pk, "autre.pdf"])
    )
    # assert
    assert response.status_code == 302
    assert attachment.name == "Dossier_Mme_X.pdf"
    assert "Dossier" not in attachment.file.name  # stored under a random name
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("attachment;")
    assert other.status_code == 404
    assert forged.status_code == 404


def test_an_exe_renamed_pdf_and_an_oversized_file_are_refused(
    member_client, members, spaces, settings
):
    # arrange
    settings.FORUM_ATTACHMENT_MAX_BYTES = 1000
    topic = topic_in(spaces.national, members.agent)
    client = member_client(members.agent)
    # act
    exe = client.post(
        topic.get_absolute_url(),
        {"body": "Voici", "attachments": [upload("formulaire.pdf", EXE)]},
    )
    big = client.post(
        topic.get_absolute_url(),
        {"body": "Voici", "attachments": [upload("gros.pdf", PDF + b"0" * 2000)]},
    )
    # assert
    assert exe.status_code == 200 and exe.context["form"].errors["attachments"]
    assert big.status_code == 200 and big.context["form"].errors["attachments"]
    assert not Attachment.objects.exists()
    assert Post.objects.filter(topic=topic).count() == 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("space_name", ["occitanie", "private"])
def test_the_space_list_and_a_topic_answer_in_constant_queries(
    member_client, members, spaces, space_name
):
    # arrange
    space = getattr(spaces, space_name)
    spaces.private.members.add(members.coordinator.user)
    client = member_client(members.agent)
    topic = topic_in(space, members.agent)
    services.reply(topic=topic, author=members.coordinator.user, body="Réponse")
    index, topic_url = reverse("forums:index"), topic.get_absolute_url()
    space_url = space.get_absolute_url()
    _queries(client, index)  # the site's menus and settings, cached from the first page on
    before = [_queries(client, url) for url in (index, space_url, topic_url)]
    # act
    for number in range(6):
        other = topic_in(space, members.coordinator, title=f"Sujet {number}")
        services.thank(post=other.posts.get(), user=members.agent.user)
        reply = services.reply(topic=topic, author=members.coordinator.user, body=f"R{number}")
        services.thank(post=reply, user=members.agent.user)
        services.edit_post(post=reply, editor=members.coordinator.user, body=f"R{number} bis")
    after = [_queries(client, url) for url in (index, space_url, topic_url)]
    # assert
    assert after == before


def test_a_deleted_topic_is_gone_for_members_and_kept_for_moderators(
    member_client, members, spaces
):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    url = reverse("forums:moderate", args=[topic.pk])
    # act
    refused = member_client(members.agent).post(url, {"action": "delete"})
    deleted = member_client(members.coordinator).post(url, {"action": "delete"})
    by_agent = member_client(members.agent).get(topic.get_absolute_url())
    by_moderator = member_client(members.coordinator).get(topic.get_absolute_url())
    listed = member_client(members.agent).get(reverse("forums:index")).context["spaces"]
    # assert
    assert refused.status_code == 403
    assert deleted.status_code == 302
    assert by_agent.status_code == 404
    assert by_moderator.status_code == 200
    assert next(s for s in listed if s.pk == spaces.occitanie.pk).topic_count == 0


def test_an_attachment_name_is_made_safe(member_client, members, spaces):
    # arrange
    client = member_client(members.agent)
    topic = topic_in(spaces.national, members.agent)
    # act
    client.post(
        topic.get_absolute_url(),
        {"body": "Voici", "attachments": [upload('<script>x</script>".pdf', PDF)]},
    )
    page = client.get(topic.get_absolute_url()).content.decode()
    # assert
    name = Attachment.objects.get().name
    assert "<" not in name and '"' not in name and name.endswith(".pdf")
    assert "<script>x" not in page


def test_editing_through_the_page_keeps_the_history(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent, body="Premier texte")
    post = topic.posts.get()
    client = member_client(members.agent)
    url = reverse("forums:edit_post", args=[post.pk])
    # act
    form = client.get(url)
    saved = client.post(url, {"body": "Second texte"})
    refused = member_client(members.other_agent).post(url, {"body": "Pirate"})
    history_url = reverse("forums:post_history", args=[post.pk])
    hidden = member_client(members.other_agent).get(history_url)
    history = member_client(members.agent).get(history_url)
    # assert
    assert form.status_code == 200 and "Premier texte" in form.content.decode()
    assert saved.status_code == 302
    assert refused.status_code == hidden.status_code == 403
    post.refresh_from_db()
    assert post.body == "Second texte"
    assert "Premier texte" in history.content.decode()


def test_the_move_form_offers_the_spaces_the_moderator_moderates(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    # act
    response = member_client(members.national).get(reverse("forums:move_topic", args=[topic.pk]))
    # assert
    offered = set(response.context["form"].fields["space"].queryset)
    assert spaces.national in offered and spaces.private in offered
    assert spaces.occitanie not in offered


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("forums:thank", "post"),
        ("forums:mark_solution", "post"),
        ("forums:delete_post", "post"),
        ("forums:edit_post", "get"),
        ("forums:edit_post", "post"),
        ("forums:post_history", "get"),
    ],
)
def test_a_post_of_a_space_one_may_not_read_is_not_found(
    member_client, members, spaces, name, method
):
    # arrange
    question = topic_in(spaces.auvergne, members.other_agent, kind="question")
    answer = services.reply(topic=question, author=members.other_agent.user, body="Réponse")
    client = member_client(members.agent)
    # act
    response = getattr(client, method)(reverse(name, args=[answer.pk]), {"body": "Pirate"})
    # assert
    assert response.status_code == 404
    answer.refresh_from_db()
    assert answer.body == "Réponse" and answer.deleted_at is None
    assert not answer.thanks.exists()


def test_moderating_a_topic_of_a_space_one_may_not_read_is_not_found(
    member_client, members, spaces
):
    # arrange
    topic = topic_in(spaces.auvergne, members.other_agent)
    client = member_client(members.coordinator)  # moderates Occitanie, not Auvergne
    # act
    lock = client.post(reverse("forums:moderate", args=[topic.pk]), {"action": "lock"})
    move = client.get(reverse("forums:move_topic", args=[topic.pk]))
    # assert
    assert lock.status_code == move.status_code == 404
    topic.refresh_from_db()
    assert not topic.locked

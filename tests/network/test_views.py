import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from network.forms import MAX_PHOTO_BYTES
from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

PAGES = ["/espace-agents/", "/espace-agents/membres/", "/espace-agents/mon-profil/"]


def image_file(name="photo.png", image_format="PNG", size=(64, 64)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, "navy").save(data, image_format)
    return SimpleUploadedFile(name, data.getvalue(), content_type=f"image/{name.split('.')[-1]}")


def profile_post(profile, **changes):
    data = {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "job_title": profile.job_title,
        "phone": profile.phone,
        "listed": "on",
        "shares_photo": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def photo_error_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data()["photo"]]


@pytest.mark.parametrize("url", [*PAGES, "/espace-agents/membres/1/photo/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, members, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/espace-agents/connexion/?next={url[:14]}")


@pytest.mark.parametrize("url", PAGES)
def test_a_user_who_is_not_a_member_is_refused(client, members, url):
    client.force_login(User.objects.create_user("visiteur@example.org", "x"))
    assert client.get(url).status_code == 404
    # An admin editor, second factor given, is no member either.
    login_with_second_factor(
        client, User.objects.create_user("editeur@example.org", "x", is_staff=True)
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", PAGES)
def test_members_see_their_pages(client, members, url):
    client.force_login(members.agent.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b'lang="fr"' in response.content


def test_login_by_email_leads_to_the_dashboard_with_a_new_session(client, members):
    from tests.network.conftest import PASSWORD

    session = client.session  # a session before logging in, as a fixation attack plants
    session["planted"] = True
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post(
        "/espace-agents/connexion/",
        {"username": "AGENT@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/espace-agents/"
    assert client.cookies["sessionid"].value != before
    assert client.get("/espace-agents/").status_code == 200


def test_unknown_email_and_wrong_password_get_the_same_answer(client, members):
    unknown = client.post(
        "/espace-agents/connexion/", {"username": "nobody@example.org", "password": "x"}
    )
    wrong = client.post(
        "/espace-agents/connexion/", {"username": "agent@example.org", "password": "x"}
    )
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_the_directory_shows_only_what_each_member_shares(client, members):
    members.coordinator.phone = "04 67 00 00 01"
    members.coordinator.shares_phone = False
    members.coordinator.shares_email = True
    members.coordinator.save()
    members.other_agent.listed = False
    members.other_agent.save()
    client.force_login(members.agent.user)
    page = client.get("/espace-agents/membres/").content.decode()
    assert "coord@example.org" in page
    assert "04 67 00 00 01" not in page
    assert "agent@example.org" not in page  # not shared by default
    assert "Autre" not in page  # unlisted


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"name": "coord"}, "Coord Testeur", "Agent Testeur"),
        ({"department": "63"}, "Coord63 Testeur", "Region Testeur"),
        ({"department": "34"}, "Region Testeur", "Coord63 Testeur"),
        ({"role": "partner_trainer"}, "Formateur Testeur", "Cellule Testeur"),
    ],
)
def test_the_directory_search(client, members, query, expected, absent):
    client.force_login(members.agent.user)
    page = client.get("/espace-agents/membres/", query).content.decode()
    assert expected in page
    assert absent not in page


@pytest.mark.parametrize(
    "query", [{"department": "999"}, {"role": "king"}, {"page": "abc"}, {"name": "x" * 500}]
)
def test_odd_directory_searches_get_a_normal_page(client, members, query):
    client.force_login(members.agent.user)
    assert client.get("/espace-agents/membres/", query).status_code == 200


def test_a_member_edits_their_profile_and_photo(client, members, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    response = client.post(
        "/espace-agents/mon-profil/",
        profile_post(members.agent, job_title="Conseillère", photo=image_file()),
    )
    assert response.status_code == 302
    members.agent.refresh_from_db()
    assert members.agent.job_title == "Conseillère"
    assert members.agent.photo.name.startswith("members/photos/")
    assert "photo.png" not in members.agent.photo.name  # the file's own name is not kept
    photo_url = f"/espace-agents/membres/{members.agent.pk}/photo/"
    assert client.get(photo_url).status_code == 200
    client.force_login(members.coordinator.user)
    assert client.get(photo_url).status_code == 200  # shared
    members.agent.shares_photo = False
    members.agent.save()
    assert client.get(photo_url).status_code == 404


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("photo.png", b"not an image at all", "image/png"), "invalid_image"),
        (image_file("photo.gif", "GIF"), "format"),
    ],
)
def test_a_fake_or_unusual_image_is_refused(client, members, settings, tmp_path, upload, code):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    response = client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=upload))
    assert response.status_code == 200
    assert photo_error_codes(response) == [code]
    members.agent.refresh_from_db()
    assert not members.agent.photo


def test_an_oversized_photo_is_refused(client, members, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    data = io.BytesIO()
    noise.save(data, "PNG")
    assert len(data.getvalue()) > MAX_PHOTO_BYTES
    big = SimpleUploadedFile("photo.png", data.getvalue(), content_type="image/png")
    response = client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=big))
    assert response.status_code == 200
    assert photo_error_codes(response) == ["too_big"]


def test_forged_member_ids_reveal_nothing(client, members, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    other = members.other_agent
    other.photo = image_file()
    other.shares_photo = True
    other.listed = False  # shared, but by a member the others cannot see
    other.save()
    client.force_login(members.agent.user)
    assert client.get("/espace-agents/membres/999999/photo/").status_code == 404
    assert client.get(f"/espace-agents/membres/{other.pk}/photo/").status_code == 404
    client.force_login(other.user)
    assert client.get(f"/espace-agents/membres/{other.pk}/photo/").status_code == 200


def test_a_photo_is_named_after_what_it_is(client, members, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    disguised = image_file("tract.pdf")
    client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=disguised))
    members.agent.refresh_from_db()
    assert members.agent.photo.name.endswith(".png")


def test_a_members_own_login_clears_no_failure_of_others(client, members, settings):
    from tests.network.conftest import PASSWORD

    address = "203.0.113.200"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed_login(client, "coord@example.org", address=address)
    ok = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR=address,
    )
    assert ok.status_code == 302
    client.logout()
    failed_login(client, "coord@example.org", address="198.51.100.77")
    locked = client.post(
        "/espace-agents/connexion/",
        {"username": "coord@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.78",
    )
    assert locked.status_code == 429


def test_passwords_are_not_reset_from_the_admin(client, members):
    assert client.get("/admin/password_reset/").status_code == 404


def failed_login(client, email, address="203.0.113.7"):
    return client.post(
        "/espace-agents/connexion/",
        {"username": email, "password": "wrong password"},
        REMOTE_ADDR=address,
    )


def test_an_account_is_locked_after_repeated_failures_then_unlocked(client, members, settings):
    from datetime import timedelta

    from django.utils import timezone

    from tests.network.conftest import PASSWORD

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, "Agent@example.org", address=f"203.0.113.{attempt}")
    # Locked, from any address and even with the right password.
    locked = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.1",
    )
    assert locked.status_code == 429
    assert (
        "Too many failed attempts" in locked.content.decode() or "Trop" in locked.content.decode()
    )
    # Others log in meanwhile.
    other = client.post(
        "/espace-agents/connexion/",
        {"username": "coord@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.2",
    )
    assert other.status_code == 302
    # After the cool-off the account opens again.
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    client.logout()
    unlocked = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.1",
    )
    assert unlocked.status_code == 302


def test_one_address_locked_out_leaves_the_others_behind_the_proxy(client, members, settings):
    from tests.network.conftest import PASSWORD

    settings.NUM_PROXIES = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/espace-agents/connexion/",
            {"username": f"nobody{attempt}@example.org", "password": "x"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    attacker = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert attacker.status_code == 429
    neighbour = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert neighbour.status_code == 302


RESET_URL = "/espace-agents/mot-de-passe/"
# A measure of the request's own duration, different at every request.
TIMING_HEADERS = {"Server-Timing"}


def ask_reset(client, capture, email, address="203.0.113.7"):
    """POST the reset form; the response and the tasks queued once its transaction commits."""
    with capture() as queued:
        response = client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)
    return response, queued


def test_password_reset_by_email(client, members, mailoutbox, django_capture_on_commit_callbacks):
    # arrange: the task's e-mail, sent once the request's transaction committed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET_URL, {"email": "agent@example.org"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/mot-de-passe/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # act
    form_page = client.get(f"/{path}", follow=True)
    new_password = "une phrase de passe nouvelle"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    # assert
    assert form_page.status_code == 200
    assert done.status_code == 302
    members.agent.user.refresh_from_db()
    assert members.agent.user.check_password(new_password)
    again = client.get(f"/{path}", follow=True)
    assert again.context["validlink"] is False  # the link worked once


def test_the_password_reset_link_is_on_the_public_site(
    client, members, mailoutbox, public_base_url, django_capture_on_commit_callbacks
):
    # act: a request naming another host of the server; the e-mail goes from its task
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/espace-agents/mot-de-passe/", {"email": "agent@example.org"}, HTTP_HOST="localhost"
        )
    # assert
    link = next(line for line in mailoutbox[0].body.splitlines() if "/mot-de-passe/" in line)
    assert link.startswith("https://france-services.example/espace-agents/mot-de-passe/")


def test_a_reset_answers_alike_for_any_address_and_mails_only_from_its_task(
    client, members, mailoutbox, django_capture_on_commit_callbacks
):
    # act
    known, known_tasks = ask_reset(client, django_capture_on_commit_callbacks, "agent@example.org")
    unknown, unknown_tasks = ask_reset(
        client, django_capture_on_commit_callbacks, "personne@example.org"
    )
    # assert: the same answer, and the same work (one task queued), for both
    assert known.status_code == unknown.status_code == 302
    assert known.content == unknown.content
    assert {k: v for k, v in known.items() if k not in TIMING_HEADERS} == {
        k: v for k, v in unknown.items() if k not in TIMING_HEADERS
    }
    assert len(known_tasks) == len(unknown_tasks) == 1
    assert mailoutbox == []  # nothing sent inside the request
    for run in (*known_tasks, *unknown_tasks):
        run()
    assert [message.to for message in mailoutbox] == [["agent@example.org"]]


def test_an_account_gets_three_reset_emails_an_hour_whatever_the_client(
    client, members, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    # arrange
    time_machine.move_to("2026-03-02T10:00:00+01:00", tick=False)
    answers = []
    # act: four requests for the same account, each from its own client
    for client_number in range(4):
        response, queued = ask_reset(
            client,
            django_capture_on_commit_callbacks,
            "agent@example.org",
            address=f"198.51.100.{client_number}",
        )
        for run in queued:
            run()
        answers.append((response.status_code, response["Location"], response.content))
    # assert: the fourth answer is the same, its e-mail is not sent
    assert len(set(answers)) == 1
    assert len(mailoutbox) == 3
    time_machine.move_to("2026-03-02T11:00:01+01:00", tick=False)
    _, queued = ask_reset(client, django_capture_on_commit_callbacks, "agent@example.org")
    for run in queued:
        run()
    assert len(mailoutbox) == 4  # an hour after the first


def test_with_the_database_backend_the_worker_sends_the_reset(
    client, members, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    # arrange: production's backend
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET_URL, {"email": "agent@example.org"})
    queued = DBTaskResult.objects.ready().get()
    assert mailoutbox == []
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="background",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    # act: what `db_worker` does with a task it claimed
    worker.run_task(queued)
    # assert
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.to for message in mailoutbox] == [["agent@example.org"]]


def test_password_reset_requests_are_limited_per_client(
    client, members, mailoutbox, django_capture_on_commit_callbacks
):
    from network.views import PASSWORD_RESETS_PER_HOUR

    # arrange: addresses no account uses, so that only the client's limit applies
    for number in range(PASSWORD_RESETS_PER_HOUR):
        ask_reset(client, django_capture_on_commit_callbacks, f"n{number}@example.org")
    # act
    response, queued = ask_reset(client, django_capture_on_commit_callbacks, "agent@example.org")
    # assert
    assert response.status_code == 429
    assert queued == []


def test_a_session_ends_after_the_idle_timeout(client, members, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from tests.network.conftest import PASSWORD

    client.post(
        "/espace-agents/connexion/", {"username": "agent@example.org", "password": PASSWORD}
    )
    assert client.get("/espace-agents/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request pushes the end back by the idle timeout.
    remaining = session.expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < remaining
    assert remaining <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/espace-agents/")
    assert response.status_code == 302
    assert response["Location"].startswith("/espace-agents/connexion/")


def test_a_refused_password_is_not_written_back_into_the_page(client, members):
    response = client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": "secret-typed-wrong"},
    )
    assert response.status_code == 200
    assert "secret-typed-wrong" not in response.content.decode()
    assert 'value="agent@example.org"' in response.content.decode()


def test_a_replaced_photo_leaves_no_file_behind(
    client, members, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=image_file()))
    members.agent.refresh_from_db()
    first = tmp_path / members.agent.photo.name
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=image_file()))
    members.agent.refresh_from_db()
    assert (tmp_path / members.agent.photo.name).exists()
    assert not first.exists()

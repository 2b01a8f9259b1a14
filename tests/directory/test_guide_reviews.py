"""Guides past their review date: the admin report and the reminders sent to owners.

Each test builds the guides it reads with ``GuidePageFactory`` and states their review dates
and owners: the session's skeleton has no guide, so only the guides built here can be due.
The report reads today's date: its tests freeze the clock."""

import csv
import io
import smtplib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale

from directory.guides import reviews
from directory.guides.reviews import guides_past_review
from directory.models import GuideIndexPage, GuidePage
from home.models import NewsIndexPage
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
REPORT_URL = "/admin/reports/fiches-a-relire/"
# Tuesday 1 December 2026: the reminders' day, and "today" for the report (10:00 in Paris).
REMINDER_DAY = date(2026, 12, 1)
REMINDER_MORNING = datetime(2026, 12, 1, 10, tzinfo=PARIS)
# Two guides overdue since the summer.
OVERDUE = {"essai-cheque-chauffage": date(2026, 8, 3), "essai-vote-a-distance": date(2026, 8, 4)}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("editrice@france-services.example", "mot-de-passe")


@pytest.fixture
def admin_client(client, superuser):
    login_with_second_factor(client, superuser)
    return client


def review_guide(slug: str, *, due: date | None, owner: User | None = None, **fields):
    """A guide titled after its slug ("essai-cheque-chauffage": "Essai cheque chauffage")."""
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    page = GuidePageFactory(slug=slug, next_review=due, owner_of_review=owner, **fields)
    return GuidePage.objects.get(pk=page.pk)


def overdue_guides(owner: User | None = None, *, owners: dict | None = None) -> list[GuidePage]:
    """The two guides of ``OVERDUE``, by ``owner``, or each by ``owners[slug]``."""
    return [
        review_guide(slug, due=due, owner=(owners or {}).get(slug, owner))
        for slug, due in OVERDUE.items()
    ]


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def run_reminders(*args: str) -> str:
    out = io.StringIO()
    call_command("send_guide_review_reminders", *args, stdout=out)
    return out.getvalue().strip()


# Report --------------------------------------------------------------------------------


@time_machine.travel(REMINDER_MORNING, tick=False)
def test_report_lists_guides_past_review_live_or_not(admin_client):
    # arrange: two guides overdue, a draft due today, a guide due tomorrow
    cheque, vote = overdue_guides()
    due_today = review_guide("essai-carte-de-peche", due=REMINDER_DAY, live=False)
    tomorrow = review_guide("essai-permis-bateau", due=REMINDER_DAY + timedelta(1))
    # act
    response = admin_client.get(REPORT_URL)
    # assert: oldest first
    assert response.status_code == 200
    listed = [page.slug for page in response.context["object_list"]]
    assert listed == ["essai-cheque-chauffage", "essai-vote-a-distance", "essai-carte-de-peche"]
    html = response.content.decode()
    for page in (cheque, vote, due_today):
        assert f'href="{edit_url(page)}"' in html
    assert f'href="{edit_url(tomorrow)}"' not in html


@time_machine.travel(REMINDER_MORNING, tick=False)
def test_report_exports_the_owners_name_never_their_email(admin_client):
    # arrange
    owner = User.objects.create_user(
        "relectrice@france-services.example", first_name="Ada", last_name="Lovelace"
    )
    unnamed = User.objects.create_user("anonyme@france-services.example")
    overdue_guides(owners={"essai-cheque-chauffage": owner, "essai-vote-a-distance": unnamed})
    # act
    responses = [admin_client.get(REPORT_URL, {"export": kind}) for kind in ("csv", "xlsx")]
    # assert
    assert [response.status_code for response in responses] == [200, 200]
    csv_text = responses[0].getvalue().decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert len(rows) == 3 and len(rows[0]) == 4
    by_title = {row[0]: row for row in rows}
    assert by_title["Essai cheque chauffage"][1:3] == ["2026-08-03", "Ada Lovelace"]
    assert by_title["Essai vote a distance"][1:3] == ["2026-08-04", ""]
    sheet = openpyxl.load_workbook(io.BytesIO(responses[1].getvalue())).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Ada Lovelace" in cells
    for text in (csv_text, *cells):
        assert "@" not in text


def report_guides(client) -> set[str]:
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    export = client.get(REPORT_URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(export.getvalue().decode())))
    assert [row[0] for row in rows[1:]] == [page.title for page in response.context["object_list"]]
    return {page.slug for page in response.context["object_list"]}


def section_editor(client, section, email: str) -> User:
    """A user whose only group may change and publish the pages under ``section``."""
    group = Group.objects.create(name=f"Rédaction {section.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=section, permission=Permission.objects.get(codename=codename)
        )
    user = User.objects.create_user(email, "mot-de-passe")
    user.groups.add(group)
    login_with_second_factor(client, user)
    return user


@time_machine.travel(REMINDER_MORNING, tick=False)
def test_an_editor_of_another_section_does_not_see_the_overdue_guides(client):
    # arrange: an editor of the news only; the overdue guides have a named owner
    owner = User.objects.create_user("relectrice@france-services.example", first_name="Ada")
    overdue_guides(owner)
    news = NewsIndexPage.objects.get(locale=Locale.get_default())
    section_editor(client, news, "presse@fs.example")
    # act
    response = client.get(REPORT_URL)
    export = client.get(REPORT_URL, {"export": "csv"})
    # assert: refused, or shown empty, and nothing of the guides or their owner
    assert response.status_code in {200, 302, 403}
    if response.status_code == 200:
        assert list(response.context["object_list"]) == []
    content = response.content.decode() + (
        export.getvalue().decode() if export.status_code == 200 else ""
    )
    for title in ("Essai cheque chauffage", "Essai vote a distance"):
        assert title not in content
    assert "Ada" not in content


@time_machine.travel(REMINDER_MORNING, tick=False)
def test_an_editor_of_the_guides_sees_those_overdue(client):
    # arrange: two guides overdue, one due tomorrow; an editor of the guide index
    overdue_guides()
    review_guide("essai-permis-bateau", due=REMINDER_DAY + timedelta(1))
    index = GuideIndexPage.objects.get(locale=Locale.get_default())
    section_editor(client, index, "guides@fs.example")
    # act
    listed = report_guides(client)
    # assert
    assert listed == set(OVERDUE)


def test_report_is_refused_to_an_admin_user_without_page_permissions(client):
    # arrange
    user = User.objects.create_user("agent@france-services.example", "mot-de-passe")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_second_factor(client, user)
    # act
    response = client.get(REPORT_URL)
    # assert
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_report_sends_anonymous_visitors_to_the_login_page(client):
    # arrange / act
    response = client.get(REPORT_URL)
    # assert
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_selector_includes_the_due_day_and_leaves_out_the_day_after():
    # arrange
    overdue_guides()
    review_guide("essai-carte-de-peche", due=REMINDER_DAY)
    review_guide("essai-permis-bateau", due=REMINDER_DAY + timedelta(1))
    # act
    slugs = [page.slug for page in guides_past_review(today=REMINDER_DAY)]
    # assert: oldest first
    assert slugs == ["essai-cheque-chauffage", "essai-vote-a-distance", "essai-carte-de-peche"]


# Reminders -----------------------------------------------------------------------------


def test_reminders_link_to_the_public_site(mailoutbox, public_base_url):
    # arrange
    ada = User.objects.create_user("ada@france-services.example", first_name="Ada")
    guides = overdue_guides(ada)
    # act
    run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    for page in guides:
        assert f"https://france-services.example{edit_url(page)}" in mailoutbox[0].body


def test_each_owner_gets_one_message_listing_all_their_guides(mailoutbox):
    # arrange: Ada owns the two overdue guides, Bob one due on the day; one has no owner
    ada = User.objects.create_user("ada@france-services.example", first_name="Ada")
    bob = User.objects.create_user("bob@france-services.example")
    adas = overdue_guides(ada)
    bobs = review_guide("essai-carte-de-peche", due=REMINDER_DAY, owner=bob)
    orphan = review_guide("essai-permis-bateau", due=REMINDER_DAY)
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "3 reminders sent to 2 owners; 1 overdue guide without an owner"
    messages = {message.to[0]: message for message in mailoutbox}
    assert len(mailoutbox) == 2
    assert set(messages) == {ada.email, bob.email}
    for page in adas:
        assert page.title in messages[ada.email].body
        assert settings.PUBLIC_BASE_URL + edit_url(page) in messages[ada.email].body
        assert page.title not in messages[bob.email].body
    assert bobs.title in messages[bob.email].body
    assert orphan.title not in messages[ada.email].body + messages[bob.email].body
    assert messages[ada.email].subject != messages[bob.email].subject  # 2 guides, then 1
    assert messages[ada.email].from_email == settings.DEFAULT_FROM_EMAIL


def test_guides_whose_owner_has_no_email_are_only_counted(mailoutbox):
    # arrange: one overdue guide's owner has no e-mail address, the other has no owner
    ghost = User.objects.create_user("fantome@france-services.example")
    User.objects.filter(pk=ghost.pk).update(email="")
    overdue_guides(owners={"essai-cheque-chauffage": ghost})
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "0 reminders sent to 0 owners; 2 overdue guides without an owner"
    assert mailoutbox == []


@time_machine.travel(REMINDER_MORNING, tick=False)
def test_without_date_the_command_checks_today(mailoutbox):
    # arrange: a guide due today with an owner, two overdue without, one due tomorrow
    owner = User.objects.create_user("relectrice@france-services.example")
    overdue_guides()
    review_guide("essai-carte-de-peche", due=REMINDER_DAY, owner=owner)
    review_guide("essai-permis-bateau", due=REMINDER_DAY + timedelta(1), owner=owner)
    # act
    summary = run_reminders()
    # assert
    assert summary == "1 reminder sent to 1 owner; 2 overdue guides without an owner"
    assert [message.to for message in mailoutbox] == [[owner.email]]
    assert "Essai carte de peche" in mailoutbox[0].body
    assert "Essai permis bateau" not in mailoutbox[0].body


@pytest.mark.parametrize("value", ["01/12/2026", "2026-13-01", "demain"])
def test_a_bad_date_is_a_command_error(mailoutbox, value):
    # arrange
    overdue_guides(User.objects.create_user("ada@france-services.example"))
    # act / assert
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_reminders("--date", value)
    assert mailoutbox == []


def test_inactive_owners_are_not_reminded_and_their_guides_are_counted(mailoutbox):
    # arrange: one overdue guide's owner has left, the other has no owner
    gone = User.objects.create_user("partie@france-services.example", is_active=False)
    overdue_guides(owners={"essai-cheque-chauffage": gone})
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "0 reminders sent to 0 owners; 2 overdue guides without an owner"
    assert mailoutbox == []


def test_one_failed_message_does_not_stop_the_others(mailoutbox, monkeypatch):
    # arrange: the mail server refuses Ada's message only
    ada = User.objects.create_user("ada@france-services.example")
    bob = User.objects.create_user("bob@france-services.example")
    overdue_guides(owners={"essai-cheque-chauffage": ada, "essai-vote-a-distance": bob})
    real_send_mail = reviews.send_mail

    def refusing_ada(subject, body, from_email, recipients, **kwargs):
        if recipients == [ada.email]:
            raise smtplib.SMTPRecipientsRefused({ada.email: (550, b"Mailbox unavailable")})
        return real_send_mail(subject, body, from_email, recipients, **kwargs)

    monkeypatch.setattr(reviews, "send_mail", refusing_ada)
    out = io.StringIO()
    # act
    with pytest.raises(CommandError, match="1 reminder message could not be sent"):
        call_command("send_guide_review_reminders", "--date", REMINDER_DAY.isoformat(), stdout=out)
    # assert
    assert out.getvalue().strip() == (
        "1 reminder sent to 1 owner; 0 overdue guides without an owner"
    )
    assert [message.to for message in mailoutbox] == [[bob.email]]


def test_the_reminders_count_each_failure(mailoutbox, monkeypatch):
    # arrange: the mail server is down
    owners = [User.objects.create_user(f"{name}@france-services.example") for name in "ab"]
    overdue_guides(owners=dict(zip(sorted(OVERDUE), owners, strict=True)))

    def server_down(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(reviews, "send_mail", server_down)
    # act
    result = reviews.send_review_reminders(today=REMINDER_DAY, base_url="https://fs.example")
    # assert
    assert (result.owners, result.reminded_guides, result.failed_owners) == (0, 0, 2)
    assert result.guides_without_owner == 0
    assert mailoutbox == []

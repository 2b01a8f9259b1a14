"""Guides past their review date: the admin report and the reminders sent to owners."""

import csv
import io
import smtplib
from datetime import date, timedelta

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from directory.guides import reviews
from directory.guides.reviews import guides_past_review
from directory.models import GuidePage
from home.models import NewsIndexPage
from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/fiches-a-relire/"
DEMO_OVERDUE = {"cheque-energie", "procuration-vote"}
# The demo reviews the other guides on 2027-04-01; the overdue ones were due in 2026.
REMINDER_DAY = date(2026, 12, 1)


@pytest.fixture
def superuser(demo_site):
    return User.objects.create_superuser("editrice@france-services.example", "mot-de-passe")


@pytest.fixture
def admin_client(client, superuser):
    login_with_second_factor(client, superuser)
    return client


def guide(slug: str) -> GuidePage:
    return GuidePage.objects.get(slug=slug)


def other_guides(count: int) -> list[GuidePage]:
    """Demo guides that are not overdue."""
    return list(GuidePage.objects.exclude(slug__in=DEMO_OVERDUE).order_by("title")[:count])


def set_review(guides: list[GuidePage], *, due: date, owner: User | None = None) -> None:
    GuidePage.objects.filter(pk__in=[g.pk for g in guides]).update(
        next_review=due, owner_of_review=owner
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def run_reminders(*args: str) -> str:
    out = io.StringIO()
    call_command("send_guide_review_reminders", *args, stdout=out)
    return out.getvalue().strip()


# Report --------------------------------------------------------------------------------


def test_report_lists_guides_past_review_live_or_not(admin_client):
    # arrange: every other guide is reviewed in a month; one, a draft, is due today
    today = timezone.localdate()
    GuidePage.objects.exclude(slug__in=DEMO_OVERDUE).update(next_review=today + timedelta(30))
    due_today, *_ = other_guides(1)
    GuidePage.objects.filter(pk=due_today.pk).update(next_review=today, live=False)
    # act
    response = admin_client.get(REPORT_URL)
    # assert
    assert response.status_code == 200
    listed = [page.slug for page in response.context["object_list"]]
    assert set(listed[:2]) == DEMO_OVERDUE
    assert listed[2:] == [due_today.slug]
    html = response.content.decode()
    for slug in listed:
        assert f'href="{edit_url(guide(slug))}"' in html
    future = GuidePage.objects.exclude(slug__in=listed).first()
    assert f'href="{edit_url(future)}"' not in html


def test_report_exports_the_owners_name_never_their_email(admin_client):
    # arrange
    owner = User.objects.create_user(
        "relectrice@france-services.example", first_name="Ada", last_name="Lovelace"
    )
    unnamed = User.objects.create_user("anonyme@france-services.example")
    set_review([guide("cheque-energie")], due=date(2026, 8, 3), owner=owner)
    set_review([guide("procuration-vote")], due=date(2026, 8, 4), owner=unnamed)
    # act
    responses = [admin_client.get(REPORT_URL, {"export": kind}) for kind in ("csv", "xlsx")]
    # assert
    assert [response.status_code for response in responses] == [200, 200]
    csv_text = responses[0].getvalue().decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert len(rows[0]) == 4
    by_title = {row[0]: row for row in rows}
    assert by_title[guide("cheque-energie").title][1:3] == ["2026-08-03", "Ada Lovelace"]
    assert by_title[guide("procuration-vote").title][2] == ""
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


def test_an_editor_of_another_section_does_not_see_the_overdue_guides(client, demo_site):
    # arrange: an editor of the news only; the overdue guides have a named owner
    owner = User.objects.create_user("relectrice@france-services.example", first_name="Ada")
    set_review([guide(slug) for slug in DEMO_OVERDUE], due=date(2026, 8, 3), owner=owner)
    section_editor(client, NewsIndexPage.objects.get(title="Actualités"), "presse@fs.example")
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
    for slug in DEMO_OVERDUE:
        assert guide(slug).title not in content
    assert "Ada" not in content


def test_an_editor_of_the_guides_sees_those_overdue(client, demo_site):
    # arrange: the other guides are due in a month, whatever day the test runs
    later = timezone.localdate() + timedelta(30)
    GuidePage.objects.exclude(slug__in=DEMO_OVERDUE).update(next_review=later)
    section_editor(client, guide("cheque-energie").get_parent(), "guides@fs.example")
    # act
    listed = report_guides(client)
    # assert
    assert listed == DEMO_OVERDUE


def test_report_is_refused_to_an_admin_user_without_page_permissions(client, demo_site):
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


def test_report_sends_anonymous_visitors_to_the_login_page(client, demo_site):
    # arrange / act
    response = client.get(REPORT_URL)
    # assert
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_selector_includes_the_due_day_and_leaves_out_the_day_after(demo_site):
    # arrange
    on_the_day, next_day = other_guides(2)
    set_review([on_the_day], due=REMINDER_DAY)
    set_review([next_day], due=REMINDER_DAY + timedelta(1))
    # act
    slugs = {page.slug for page in guides_past_review(today=REMINDER_DAY)}
    # assert
    assert slugs == DEMO_OVERDUE | {on_the_day.slug}


# Reminders -----------------------------------------------------------------------------


def test_each_owner_gets_one_message_listing_all_their_guides(demo_site, mailoutbox):
    # arrange
    ada = User.objects.create_user("ada@france-services.example", first_name="Ada")
    bob = User.objects.create_user("bob@france-services.example")
    set_review([guide(slug) for slug in DEMO_OVERDUE], due=date(2026, 8, 3), owner=ada)
    bobs, orphan = other_guides(2)
    set_review([bobs], due=REMINDER_DAY, owner=bob)
    set_review([orphan], due=REMINDER_DAY)
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "3 reminders sent to 2 owners; 1 overdue guide without an owner"
    messages = {message.to[0]: message for message in mailoutbox}
    assert len(mailoutbox) == 2
    assert set(messages) == {ada.email, bob.email}
    for slug in DEMO_OVERDUE:
        page = guide(slug)
        assert page.title in messages[ada.email].body
        assert settings.WAGTAILADMIN_BASE_URL + edit_url(page) in messages[ada.email].body
        assert page.title not in messages[bob.email].body
    assert bobs.title in messages[bob.email].body
    assert orphan.title not in messages[ada.email].body + messages[bob.email].body
    assert messages[ada.email].subject != messages[bob.email].subject  # 2 guides, then 1
    assert messages[ada.email].from_email == settings.DEFAULT_FROM_EMAIL


def test_guides_whose_owner_has_no_email_are_only_counted(demo_site, mailoutbox):
    # arrange
    ghost = User.objects.create_user("fantome@france-services.example")
    User.objects.filter(pk=ghost.pk).update(email="")
    set_review([guide("cheque-energie")], due=date(2026, 8, 3), owner=ghost)
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "0 reminders sent to 0 owners; 2 overdue guides without an owner"
    assert mailoutbox == []


def test_without_date_the_command_checks_today(demo_site, mailoutbox):
    # arrange
    owner = User.objects.create_user("relectrice@france-services.example")
    today = timezone.localdate()
    GuidePage.objects.exclude(slug__in=DEMO_OVERDUE).update(next_review=today + timedelta(1))
    set_review(other_guides(1), due=today, owner=owner)
    # act
    summary = run_reminders()
    # assert
    assert summary == "1 reminder sent to 1 owner; 2 overdue guides without an owner"
    assert [message.to for message in mailoutbox] == [[owner.email]]


@pytest.mark.parametrize("value", ["01/12/2026", "2026-13-01", "demain"])
def test_a_bad_date_is_a_command_error(demo_site, mailoutbox, value):
    # arrange / act / assert
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_reminders("--date", value)
    assert mailoutbox == []


def test_inactive_owners_are_not_reminded_and_their_guides_are_counted(demo_site, mailoutbox):
    # arrange
    gone = User.objects.create_user("partie@france-services.example", is_active=False)
    set_review([guide("cheque-energie")], due=date(2026, 8, 3), owner=gone)
    # act
    summary = run_reminders("--date", REMINDER_DAY.isoformat())
    # assert
    assert summary == "0 reminders sent to 0 owners; 2 overdue guides without an owner"
    assert mailoutbox == []


def test_one_failed_message_does_not_stop_the_others(demo_site, mailoutbox, monkeypatch):
    # arrange: the mail server refuses Ada's message only
    ada = User.objects.create_user("ada@france-services.example")
    bob = User.objects.create_user("bob@france-services.example")
    set_review([guide("cheque-energie")], due=date(2026, 8, 3), owner=ada)
    set_review([guide("procuration-vote")], due=date(2026, 8, 3), owner=bob)
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


def test_the_reminders_count_each_failure(demo_site, mailoutbox, monkeypatch):
    # arrange: the mail server is down
    owners = [User.objects.create_user(f"{name}@france-services.example") for name in "ab"]
    for slug, owner in zip(sorted(DEMO_OVERDUE), owners, strict=True):
        set_review([guide(slug)], due=date(2026, 8, 3), owner=owner)

    def server_down(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(reviews, "send_mail", server_down)
    # act
    result = reviews.send_review_reminders(today=REMINDER_DAY, base_url="https://fs.example")
    # assert
    assert (result.owners, result.reminded_guides, result.failed_owners) == (0, 0, 2)
    assert mailoutbox == []

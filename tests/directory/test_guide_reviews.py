"""Guides past their review date: the admin report and the reminders sent to owners."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import GuidePage
from directory.reviews import guides_past_review
from portal.models import User

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
    client.force_login(superuser)
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


def test_report_exports_the_review_columns(admin_client):
    # arrange
    owner = User.objects.create_user("relectrice@france-services.example")
    set_review([guide("cheque-energie")], due=date(2026, 8, 3), owner=owner)
    # act
    response = admin_client.get(REPORT_URL, {"export": "csv"})
    # assert
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert len(rows[0]) == 4
    cheque = next(row for row in rows if row[0] == guide("cheque-energie").title)
    assert cheque[1:3] == ["2026-08-03", owner.email]


def test_report_is_refused_to_an_admin_user_without_page_permissions(client, demo_site):
    # arrange
    user = User.objects.create_user("agent@france-services.example", "mot-de-passe")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
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

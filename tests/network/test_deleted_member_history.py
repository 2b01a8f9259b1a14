"""A deleted member's part in the admin's history: the actions stay, the name goes."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import StandardPageFactory
from tests.network.conftest import PASSWORD
from tests.network.test_audit_log import admin_form

pytestmark = pytest.mark.django_db


def history_rows(client, url: str) -> list[str]:
    """The text of each row of an admin history listing, blanks squeezed."""
    table = BeautifulSoup(client.get(url).content, "html.parser").select_one("table.listing")
    return [" ".join(row.get_text(" ").split()) for row in table.select("tbody tr")]


def page_text(client, url: str) -> str:
    return BeautifulSoup(client.get(url).content, "html.parser").get_text(" ")


def rename(user: User) -> None:
    user.first_name, user.last_name = "Zoé", "Zyzzyva"
    user.save(update_fields=["first_name", "last_name"])


def test_deleting_my_account_leaves_my_edits_to_a_deleted_member(client, members):
    # arrange: a member who also edits the site saves and publishes a page
    member = members.agent.user
    rename(member)
    page = StandardPageFactory(title="Horaires d’été")
    page.save_revision(user=member, log_action=True).publish(
        user=member, skip_permission_checks=True
    )
    client.force_login(member)
    # act
    client.post("/espace-agents/mes-donnees/", {"password": PASSWORD, "confirm": "on"})
    # assert: the page's history, as an administrator reads it
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    rows = history_rows(client, f"/admin/pages/{page.pk}/history/")
    assert "Zyzzyva" not in page_text(client, f"/admin/pages/{page.pk}/history/")
    assert len([row for row in rows if "Membre supprimé" in row]) == 2  # saved, published
    assert not User.objects.filter(email="agent@example.org").exists()


def test_an_administrator_deleting_a_member_leaves_no_name_in_the_site_history(client, members):
    # arrange: the member's profile edited in the admin, logged under their name
    member = members.agent
    rename(member.user)
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    edited = client.post(
        f"/admin/member_profiles/edit/{member.pk}/", admin_form(member, job_title="Agente")
    )
    assert edited.status_code == 302
    assert any("Zyzzyva" in row for row in history_rows(client, "/admin/reports/site-history/"))
    # act: the account deleted from the admin's users
    deleted = client.post(f"/admin/users/delete/{member.user.pk}/")
    # assert
    assert deleted.status_code == 302
    rows = history_rows(client, "/admin/reports/site-history/")
    assert not any("Zyzzyva" in row or "agent@example.org" in row for row in rows)
    assert any("Membre supprimé" in row for row in rows)  # the edit, still listed


def test_the_deleted_member_reads_in_the_language_of_the_admin():
    # arrange
    stand_in = User.objects.deleted_member()
    # act
    with translation.override("en"):
        english = stand_in.get_full_name()
    # assert
    assert (english, stand_in.is_active, stand_in.has_usable_password()) == (
        "Deleted member",
        False,
        False,
    )

"""Admin groups and news (always), one member account per role (development only), from
``content/network/``."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from directory.models import Department, MaisonPage, Partner, Region
from network.models import AgentProfile, News, Role
from portal.models import User


def build_groups(groups, log) -> None:
    root = Page.get_first_root_node()
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for row in groups:
        group, _ = Group.objects.get_or_create(name=row["name"])
        group.permissions.add(
            access_admin,
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in (name.split(".") for name in row["permissions"])
            ),
        )
        for codename in row["page_permissions"]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    log(f"Admin groups: {', '.join(row['name'] for row in groups)}")


def build_news(news, log) -> None:
    for row in news:
        region = Region.objects.filter(code=row["region"]).first() if row["region"] else None
        News.objects.get_or_create(
            title=row["title"], defaults={"body": row["body"], "region": region}
        )
    log(f"Network news: {len(news)}")


def _workplace(member: dict) -> dict:
    if "maison_in_department" in member:
        maison = (
            MaisonPage.objects.filter(
                locale__language_code="fr",
                department__code=member["maison_in_department"],
                live=True,
            )
            .order_by("pk")
            .first()
        )
        return {"maison": maison}
    if "department" in member:
        return {"department": Department.objects.get(code=member["department"])}
    if "partner" in member:
        partner = Partner.objects.filter(
            locale__language_code="fr", slug=member["partner"]
        ).first()
        return {"partner": partner}
    return {}


def build_accounts(accounts: dict, *, groups) -> list[tuple[str, str, str]]:
    """The members of ``accounts``: (e-mail, password, role label) of each."""
    password = accounts["password"]
    names = {row["key"]: row["name"] for row in groups}
    created = []
    for member in accounts["members"]:
        email = member["email"]
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, first_name=member["first_name"], last_name=member["last_name"]
            )
        AgentProfile.objects.update_or_create(
            user=user, defaults={"role": member["role"], **_workplace(member)}
        )
        if member.get("staff"):
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        for key in member.get("groups", []):
            user.groups.add(Group.objects.get(name=names[key]))
        created.append((email, password, Role(member["role"]).label))
    return created

"""Demo groups of the Wagtail admin (always) and one member account per role (development
only): idempotent."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from directory.models import Department, MaisonPage, Partner, Region
from portal.models import User

from .models import AgentProfile, News, Role

NATIONAL_EDITORS = "Cellule nationale – éditeurs"
MODERATORS = "Modérateurs"
COORDINATORS = "Coordinateurs"

# Django permissions (app label, codename) of each group, beyond the admin's door.
GROUP_PERMISSIONS = {
    NATIONAL_EDITORS: [
        ("directory", "add_partner"),
        ("directory", "change_partner"),
        ("search", "add_searchsynonym"),
        ("search", "change_searchsynonym"),
        ("search", "delete_searchsynonym"),
        ("network", "view_agentprofile"),
        ("network", "add_agentprofile"),
        ("network", "change_agentprofile"),
        ("network", "view_securityevent"),
        ("network", "add_news"),
        ("network", "change_news"),
        ("network", "delete_news"),
    ],
    MODERATORS: [],
    COORDINATORS: [],
}
# Page permissions on the whole tree.
GROUP_PAGE_PERMISSIONS = {
    NATIONAL_EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    MODERATORS: ["change_page", "publish_page"],
    COORDINATORS: [],
}

DEMO_PASSWORD = "demo-membre-mot-de-passe"  # noqa: S105 (dev-only, printed on purpose)


def seed_groups(log) -> None:
    root = Page.get_first_root_node()
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            access_admin,
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in codenames
            ),
        )
        for codename in GROUP_PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    log(f"Admin groups: {', '.join(GROUP_PERMISSIONS)}")


# (title, text, region code or None for the whole network)
DEMO_NEWS = [
    (
        "Nouveau module de formation : l’accompagnement aux démarches ANTS",
        "<p>Le module sur les titres d’identité, le permis de conduire et la carte grise "
        "est ouvert. Comptez deux heures, quiz compris.</p>",
        None,
    ),
    (
        "Rencontre régionale des France Services d’Occitanie",
        "<p>Les coordinateurs vous attendent à Montpellier pour une journée d’échanges "
        "sur l’accueil des usagers éloignés du numérique.</p>",
        "76",
    ),
]


def seed_news(log) -> None:
    for title, body, region_code in DEMO_NEWS:
        region = Region.objects.filter(code=region_code).first() if region_code else None
        News.objects.get_or_create(title=title, defaults={"body": body, "region": region})
    log(f"Network news: {len(DEMO_NEWS)}")


def seed_accounts() -> list[tuple[str, str, str]]:
    """One member per role in the demo's Hérault: (e-mail, password, role)."""
    herault = Department.objects.get(code="34")
    maison = (
        MaisonPage.objects.filter(locale__language_code="fr", department=herault, live=True)
        .order_by("pk")
        .first()
    )
    caf = Partner.objects.filter(locale__language_code="fr", slug="caf").first()
    accounts = [
        ("agent@france-services.example", "Camille", "Agent", Role.AGENT, {"maison": maison}),
        (
            "coordination34@france-services.example",
            "Dominique",
            "Coordination",
            Role.COORDINATOR,
            {"department": herault},
        ),
        (
            "formation.caf@france-services.example",
            "Sacha",
            "Formation",
            Role.PARTNER_TRAINER,
            {"partner": caf},
        ),
        ("cellule@france-services.example", "Claude", "Cellule", Role.NATIONAL_CELL, {}),
    ]
    created = []
    for email, first_name, last_name, role, workplace in accounts:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, first_name=first_name, last_name=last_name
            )
        AgentProfile.objects.update_or_create(user=user, defaults={"role": role, **workplace})
        if role == Role.NATIONAL_CELL:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(Group.objects.get(name=NATIONAL_EDITORS))
        created.append((email, DEMO_PASSWORD, Role(role).label))
    return created

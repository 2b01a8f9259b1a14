"""The demo site: content as data files in ``content/``, read by ``loader`` and built by
``builders`` through the apps' own services and factories."""

from django.contrib.auth.models import Group

from .builders import (
    activity,
    certifications,
    directory,
    escalations,
    forums,
    maison_changes,
    network,
    search,
    site,
    surveys,
    training,
)
from .loader import content


def seed(log) -> None:
    """All demo content, app by app, in dependency order (``seed_demo`` and the tests)."""
    data = content()
    site.build(data.site, log)
    directory.build(data, log)
    site.build_navigation(data.site, log)
    search.build(data.synonyms, log)
    network.build_groups(data.groups, log)
    network.build_news(data.news, log)
    forums.build_spaces(log)
    training.build(
        data.training, log, approvers=Group.objects.get(name=data.group_name("national_editors"))
    )
    certifications.build(log)
    escalations.build(log)
    surveys.build(log)


def seed_accounts(log) -> list[tuple[str, str, str]]:
    """One member per role (development only), the agents at different stages of their
    training: (e-mail, password, role label)."""
    data = content()
    accounts = network.build_accounts(data.accounts, groups=data.groups)
    training.build_progress(data.training.progress, log)
    training.build_events(data.training.events, log)
    certifications.build_credentials(log)
    forums.build_topics(log)
    escalations.build_cases(log)
    maison_changes.build(log)
    activity.build(log)
    return accounts

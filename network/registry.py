"""What the apps above ``network`` add to the members area, through Wagtail hooks, so the
members area never imports them: entries of its menu, panels of the dashboard and sections
of the personal-data export.

    @hooks.register("register_members_area_item")
    def training_item():
        return MembersAreaItem("training", _("Training"), "training:catalogue",
                               Action.TAKE_TRAINING, order=10)

    @hooks.register("register_personal_data")
    def training_data():
        return "training", training_record_data  # callable(user) -> JSON-able

    @hooks.register("register_steering_panel")
    def activity_panel():
        return SteeringPanel("activity", "activite", _("Activity"), ...)  # see the class

    @hooks.register("register_forum_space_panel")
    def meetings_panel():
        return ForumSpacePanel("meetings", "training/events/includes/forum_meetings.html",
                               region_meetings)  # callable(request, space) -> dict | None
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail import hooks

from .permissions import Action, can


@dataclass(frozen=True)
class MembersAreaItem:
    key: str
    label: str
    url_name: str
    action: Action
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DashboardPanel:
    """A dashboard section: a template, and its context for the member asking."""

    key: str
    template_name: str
    action: Action
    context: Any  # callable(request, profile) -> dict
    order: int = 100


@dataclass(frozen=True)
class SteeringPanel:
    """An indicator of the dashboards (``/espace-agents/pilotage/``): a card on the overview
    and its own page at ``pilotage/<slug>/``, with its chart(s) and the table behind them;
    the same URL with ``?format=csv`` downloads that table.

    ``card(scope)`` and ``page(request, scope)`` give the context of ``card_template`` and
    ``page_template``; ``csv(request, scope)`` gives a ``portal.csv_tables.CsvTable``. The
    scope (``network.steering.scope.SteeringScope``) holds the member and the maisons of
    their territory, already filtered."""

    key: str
    slug: str
    title: str
    card_template: str
    card: Any
    page_template: str
    page: Any
    csv: Any
    action: Action = Action.VIEW_STEERING
    order: int = 100


@dataclass(frozen=True)
class ForumSpacePanel:
    """A section of a forum space's page: a template, and its context for the member
    reading the space (None when it has nothing to show there)."""

    key: str
    template_name: str
    context: Any  # callable(request, space) -> dict | None
    order: int = 100


def members_area_items(user) -> list[MembersAreaItem]:
    items = [hook() for hook in hooks.get_hooks("register_members_area_item")]
    return sorted((item for item in items if can(user, item.action)), key=lambda i: i.order)


def dashboard_panels(user) -> list[DashboardPanel]:
    panels = [hook() for hook in hooks.get_hooks("register_members_dashboard_panel")]
    return sorted((p for p in panels if can(user, p.action)), key=lambda p: p.order)


def steering_panels(user) -> list[SteeringPanel]:
    panels = [hook() for hook in hooks.get_hooks("register_steering_panel")]
    return sorted((p for p in panels if can(user, p.action)), key=lambda p: p.order)


def forum_space_panels(request, space) -> list[tuple[str, dict]]:
    """Each panel's template and context for ``space``, those with something to show."""
    panels = sorted(
        (hook() for hook in hooks.get_hooks("register_forum_space_panel")), key=lambda p: p.order
    )
    shown = ((panel.template_name, panel.context(request, space)) for panel in panels)
    return [(template_name, context) for template_name, context in shown if context]


def personal_data_sections(user, taken: set[str]) -> dict[str, Any]:
    """What each app holds about ``user``, under its own key: a key of ``taken`` (the
    export's own sections) or given twice is a mistake of the code, refused."""
    sections = {}
    for hook in hooks.get_hooks("register_personal_data"):
        key, collect = hook()
        if key in taken or key in sections:
            raise ImproperlyConfigured(f"Two sections of the personal-data export are {key!r}.")
        sections[key] = collect(user)
    return sections

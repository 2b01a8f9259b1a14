"""Forums: per region, the posts written in its forum space over the last 12 months and
the questions asked there, with those still **unanswered** (a question topic with no
solution marked and no post by anyone but its author). Live posts and topics only; counts,
never their text.

Forums are per region, not per maison: the regions shown are the member's territory's (the
whole network for the national cell, the coordinator's region, or their department's), of
the region or department filtered when there is one; the format and partner filters, which
select maisons, do not apply. The national and partners' spaces belong to no region and are
not counted here."""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Region
from portal.charts import Bar, BarChart
from portal.csv_tables import CsvTable

from ...forums.models import Post, Topic, TopicKind
from ...models import Role
from ...permissions import region_id_of
from ...registry import SteeringPanel
from ..scope import SteeringScope

PERIOD_MONTHS = 12
CSV_HEADER = ("code_region", "region", "messages_12_mois", "questions_12_mois", "sans_reponse")


@dataclass(frozen=True)
class RegionForum:
    code: str
    name: str
    posts: int
    questions: int
    unanswered: int


def regions(scope: SteeringScope):
    """The regions whose forums the member's dashboards count."""
    profile = scope.profile
    if profile.role == Role.NATIONAL_CELL:
        shown = Region.objects.all()
    elif profile.role == Role.COORDINATOR:
        shown = Region.objects.filter(pk=region_id_of(profile))
    else:
        shown = Region.objects.none()
    if scope.department is not None:
        shown = shown.filter(pk=scope.department.region_id)
    elif scope.region is not None:
        shown = shown.filter(pk=scope.region.pk)
    return shown.order_by("name", "pk")


def by_region(scope: SteeringScope, now) -> list[RegionForum]:
    """Each region of the scope with its posts and questions since 12 months before
    ``now``: three queries."""
    since = now - relativedelta(months=PERIOD_MONTHS)
    shown = list(regions(scope).values_list("pk", "code", "name"))
    region_ids = [pk for pk, _code, _name in shown]
    posts = dict(
        Post.objects.filter(
            deleted_at=None,
            created_at__gte=since,
            topic__deleted_at=None,
            topic__space__region_id__in=region_ids,
        )
        .values("topic__space__region_id")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("topic__space__region_id", "count")
    )
    replied = Post.objects.filter(topic=OuterRef("pk"), deleted_at=None).exclude(
        author_id=OuterRef("author_id")
    )
    questions = {
        region_id: (asked, unanswered)
        for region_id, asked, unanswered in Topic.objects.filter(
            kind=TopicKind.QUESTION,
            deleted_at=None,
            created_at__gte=since,
            space__region_id__in=region_ids,
        )
        .alias(replied=Exists(replied))
        .values("space__region_id")
        .annotate(
            asked=Count("pk"),
            unanswered=Count("pk", filter=Q(solution__isnull=True, replied=False)),
        )
        .order_by()
        .values_list("space__region_id", "asked", "unanswered")
    }
    return [
        RegionForum(code, name, posts.get(pk, 0), *questions.get(pk, (0, 0)))
        for pk, code, name in shown
    ]


def card(scope: SteeringScope) -> dict:
    rows = by_region(scope, timezone.now())
    return {
        "posts": sum(row.posts for row in rows),
        "unanswered": sum(row.unanswered for row in rows),
    }


def page(request, scope: SteeringScope) -> dict:
    rows = by_region(scope, timezone.now())
    return {
        "rows": rows,
        "posts_chart": BarChart(
            title=_("Posts of the last 12 months by region"),
            description=_("Live posts written in each region’s forum space."),
            bars=[Bar(row.name, row.posts) for row in rows],
            label_header=_("Region"),
            value_header=_("Posts"),
        ),
        "unanswered_chart": BarChart(
            title=_("Unanswered questions by region"),
            description=_(
                "Questions asked in the last 12 months with no solution and no reply from "
                "anyone but their author."
            ),
            bars=[Bar(row.name, row.unanswered) for row in rows],
            label_header=_("Region"),
            value_header=_("Unanswered questions"),
        ),
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    rows = by_region(scope, timezone.now())
    return CsvTable(
        "forums-par-region.csv",
        CSV_HEADER,
        [(row.code, row.name, row.posts, row.questions, row.unanswered) for row in rows],
    )


PANEL = SteeringPanel(
    "forums",
    "forums",
    _("Forums"),
    card_template="network/steering/panels/forums_card.html",
    card=card,
    page_template="network/steering/panels/forums.html",
    page=page,
    csv=csv,
    order=60,
)

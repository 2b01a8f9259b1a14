"""What a dashboard shows: the member asking and the maisons of their territory, narrowed by
the filters of the URL (region, department, format, partner). A filter outside the member's
territory narrows nothing they may not see: the territory is applied first."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from directory.models import Department, MaisonPage, Partner, Region

from ..models import AgentProfile


@dataclass(frozen=True)
class SteeringScope:
    profile: AgentProfile
    # Live French maisons of the member's territory, with the filters applied.
    maisons: QuerySet[MaisonPage]
    region: Region | None = None
    department: Department | None = None
    format: str = ""
    partner: Partner | None = None
    # The filters as a query string ("region=76&format=bus"), kept on links and CSV.
    querystring: str = ""
    # The filters' names and values shown above the dashboard.
    described: list[tuple[str, str]] = field(default_factory=list)

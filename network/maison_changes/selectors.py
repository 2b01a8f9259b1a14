"""Reads of the maisons' changes: an agent's open change, a coordinator's queue, the
figures of the steering panel; each in a fixed number of queries."""

from django.db.models import Count, F, Min

from ..models import AgentProfile
from ..selectors import maisons_covered
from . import proposal
from .models import MaisonChange

QUEUE_CSV_HEADER = (
    "numero",
    "id_fs",
    "maison",
    "departement",
    "proposee_le",
    "proposee_par",
    "rubriques",
)


def open_change(maison) -> MaisonChange | None:
    return (
        MaisonChange.objects.filter(maison=maison, status__in=MaisonChange.OPEN)
        .select_related("decided_by")
        .first()
    )


def recent_decisions(maison, limit: int = 5) -> list[MaisonChange]:
    return list(
        MaisonChange.objects.filter(maison=maison)
        .exclude(status__in=MaisonChange.OPEN)
        .select_related("decided_by")
        .order_by("-updated_at", "-pk")[:limit]
    )


def change_to_decide(pk: int) -> MaisonChange | None:
    return (
        MaisonChange.objects.select_related(
            "maison__department__region", "proposed_by", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )


def pending(maisons):
    """The pending changes of ``maisons`` (a queryset), oldest first."""
    return (
        MaisonChange.objects.filter(
            status=MaisonChange.Status.PENDING, maison__in=maisons.values("pk")
        )
        .select_related("maison__department", "proposed_by")
        .order_by("created_at", "pk")
    )


def queue(profile: AgentProfile):
    return pending(maisons_covered(profile))


def section_titles(change: MaisonChange) -> list[str]:
    return [str(title) for key, title in proposal.SECTIONS.items() if key in change.proposal]


def queue_csv_rows(changes):
    for change in changes:
        department = change.maison.department
        yield (
            change.pk,
            change.maison.source_id,
            change.maison.title,
            department.code if department else "",
            change.created_at.date().isoformat(),
            change.proposed_by.get_full_name() if change.proposed_by else "",
            ", ".join(section_titles(change)),
        )


def pending_summary(maisons) -> dict:
    """{"count", "oldest"} of the pending changes of ``maisons``."""
    return MaisonChange.objects.filter(
        status=MaisonChange.Status.PENDING, maison__in=maisons.values("pk")
    ).aggregate(count=Count("pk"), oldest=Min("created_at"))


def pending_by_department(maisons) -> list[dict]:
    """Per department with pending changes: code, name, count and oldest, by code."""
    return list(
        MaisonChange.objects.filter(
            status=MaisonChange.Status.PENDING, maison__in=maisons.values("pk")
        )
        .values(code=F("maison__department__code"), name=F("maison__department__name"))
        .annotate(count=Count("pk"), oldest=Min("created_at"))
        .order_by("code")
    )

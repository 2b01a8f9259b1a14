"""The member's escalations for the "Mes données" export (``register_personal_data``): the
escalations they sent (their description while not purged, never the person's file
reference), the steps they wrote and the référent roles they hold; never another
member's text."""

from .models import Escalation, Referent, Step


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user) -> dict:
    escalations = (
        Escalation.objects.filter(created_by=user)
        .select_related("maison", "partner", "motive")
        .order_by("created_at", "pk")
    )
    steps = (
        Step.objects.filter(author=user)
        .select_related("escalation__partner")
        .order_by("created_at", "pk")
    )
    roles = (
        Referent.objects.filter(user=user)
        .select_related("back_office__partner", "back_office__department", "back_office__region")
        .order_by("pk")
    )
    return {
        "escalations_sent": [
            {
                "number": escalation.pk,
                "maison": escalation.maison.title,
                "partner": escalation.partner.name,
                "motive": escalation.motive.label,
                "status": escalation.status,
                "created_at": _iso(escalation.created_at),
                "answered_at": _iso(escalation.answered_at),
                "closed_at": _iso(escalation.closed_at),
                "purged_at": _iso(escalation.purged_at),
                "description": None if escalation.purged_at else escalation.description,
            }
            for escalation in escalations
        ],
        "escalation_steps_written": [
            {
                "escalation": step.escalation_id,
                "partner": step.escalation.partner.name,
                "kind": step.kind,
                "at": _iso(step.created_at),
                "body": step.body,
            }
            for step in steps
        ],
        "referent_roles": [
            {
                "back_office": role.back_office.name,
                "partner": role.back_office.partner.name,
                "department": role.back_office.department.code
                if role.back_office.department
                else None,
                "region": role.back_office.region.code if role.back_office.region else None,
                "away_from": _iso(role.away_from),
                "away_until": _iso(role.away_until),
            }
            for role in roles
        ],
    }

"""Where an escalation goes: the partner's back office for the maison's department, else
for its region; and who handles it there on a given day (the référents present, and the
deputy of each one away)."""

from datetime import date

from directory.maisons.models import MaisonPage
from directory.partners.models import Partner

from .models import BackOffice, Referent


def back_office_for(partner: Partner, maison: MaisonPage) -> BackOffice | None:
    """The department's back office of ``partner``, else its region's; None when the
    partner has none for the maison's territory."""
    department = maison.department
    if department is None:
        return None
    offices = BackOffice.objects.filter(partner=partner).select_related("partner")
    return (
        offices.filter(department=department).first()
        or offices.filter(region_id=department.region_id).first()
    )


def handlers_on(back_office: BackOffice, day: date) -> list:
    """The users who handle ``back_office``'s escalations on ``day``: each référent present,
    and for each one away their deputy when the deputy is present. Each user once."""
    referents = list(
        Referent.objects.filter(back_office=back_office).select_related("user", "deputy__user")
    )
    handlers = {}
    for referent in referents:
        if not referent.is_away(day):
            handlers.setdefault(referent.user_id, referent.user)
        elif referent.deputy is not None and not referent.deputy.is_away(day):
            handlers.setdefault(referent.deputy.user_id, referent.deputy.user)
    return list(handlers.values())

"""Writes of the référents directory: back offices, their référents and absences, the
partners' motives. Each write is logged (logger ``network.escalations.referents``) with who
made it; the views check permissions, the forms the values."""

import logging
from datetime import date

from django.db import transaction
from django.db.models import Max

from directory.models import Department, Partner, Region

from ..models import BackOffice, Motive, Referent

logger = logging.getLogger(__name__)


def _log(event: str, actor, **detail) -> None:
    logger.info(event, extra={"actor_id": getattr(actor, "pk", None), **detail})


@transaction.atomic
def save_back_office(
    *,
    actor,
    back_office: BackOffice | None = None,
    partner: Partner,
    department: Department | None,
    region: Region | None,
    name: str,
    mailbox: str,
    phone: str = "",
    opening_days: str = "01234",
    opening_hours: str = "",
    coordinator_email: str = "",
) -> BackOffice:
    """Create a back office (``back_office`` None) or change it."""
    office = back_office or BackOffice()
    office.partner = partner
    office.department = department
    office.region = region
    office.name = name
    office.mailbox = mailbox
    office.phone = phone
    office.opening_days = opening_days
    office.opening_hours = opening_hours
    office.coordinator_email = coordinator_email
    created = office.pk is None
    office.save()
    _log(
        "back_office_created" if created else "back_office_changed",
        actor,
        back_office_id=office.pk,
    )
    return office


@transaction.atomic
def add_referent(*, actor, back_office: BackOffice, user) -> Referent:
    referent = Referent.objects.create(back_office=back_office, user=user)
    _log("referent_added", actor, back_office_id=back_office.pk, user_id=user.pk)
    return referent


@transaction.atomic
def remove_referent(*, actor, referent: Referent) -> None:
    """Remove ``referent``; those whose deputy they were have no deputy any more."""
    _log(
        "referent_removed",
        actor,
        back_office_id=referent.back_office_id,
        user_id=referent.user_id,
    )
    referent.delete()


@transaction.atomic
def set_away(
    *,
    actor,
    referent: Referent,
    away_from: date | None,
    away_until: date | None,
    deputy: Referent | None,
) -> Referent:
    """Set ``referent`` away from ``away_from`` to ``away_until`` (both included) with
    ``deputy``; all None: back."""
    referent.away_from = away_from
    referent.away_until = away_until
    referent.deputy = deputy
    referent.save(update_fields=["away_from", "away_until", "deputy"])
    _log(
        "referent_away" if away_from else "referent_back",
        actor,
        referent_id=referent.pk,
        deputy_id=getattr(deputy, "pk", None),
    )
    return referent


@transaction.atomic
def add_motive(*, actor, partner: Partner, label: str) -> Motive:
    """A new motive, offered, after the partner's others."""
    last = Motive.objects.filter(partner=partner).aggregate(last=Max("order"))["last"]
    motive = Motive.objects.create(
        partner=partner, label=label, order=0 if last is None else last + 1
    )
    _log("motive_added", actor, motive_id=motive.pk)
    return motive


@transaction.atomic
def rename_motive(*, actor, motive: Motive, label: str) -> Motive:
    motive.label = label
    motive.save(update_fields=["label"])
    _log("motive_renamed", actor, motive_id=motive.pk)
    return motive


@transaction.atomic
def move_motive(*, actor, motive: Motive, up: bool) -> None:
    """Move ``motive`` one place up (or down) among its partner's; the orders become
    0, 1, 2…"""
    motives = list(
        Motive.objects.select_for_update()
        .filter(partner_id=motive.partner_id)
        .order_by("order", "label", "pk")
    )
    index = next(i for i, other in enumerate(motives) if other.pk == motive.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(motives):
        motives[index], motives[other] = motives[other], motives[index]
    for order, item in enumerate(motives):
        item.order = order
    Motive.objects.bulk_update(motives, ["order"])
    _log("motive_moved", actor, motive_id=motive.pk)


@transaction.atomic
def switch_motive(*, actor, motive: Motive, active: bool) -> Motive:
    """Offer ``motive`` to new escalations again, or no more."""
    motive.active = active
    motive.save(update_fields=["active"])
    _log("motive_switched_on" if active else "motive_switched_off", actor, motive_id=motive.pk)
    return motive


@transaction.atomic
def remove_motive(*, actor, motive: Motive) -> bool:
    """Delete ``motive``, or switch it off when escalations use it (they keep it).
    True when it was deleted."""
    if motive.escalations.exists():
        switch_motive(actor=actor, motive=motive, active=False)
        return False
    _log("motive_deleted", actor, motive_id=motive.pk)
    motive.delete()
    return True

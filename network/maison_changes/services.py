"""Writes of the maisons' changes: an agent proposes (or edits their open change, which a
send-back reopens), withdraws, or confirms the information unchanged; a coordinator
approves (the change is published as a revision of the maison's page) or sends back.

A decision locks the change's row: of two coordinators deciding at once, the second finds
it decided and is told so (``NotOpen``)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision

from directory.models import MaisonPage
from portal.content_version import bump_content_version

from . import emails, proposal
from .models import MaisonChange

Status = MaisonChange.Status
CONFIRMED_ACTION = "maison_changes.confirmed"
APPROVED_ACTION = "maison_changes.approved"


class NotOpen(Exception):
    """The change is no longer pending (or open): someone decided or withdrew it first."""


class NothingChanged(Exception):
    """The proposal is the maison's information as published."""


def _step(change: MaisonChange, step: str, user, now, comment: str = "") -> None:
    change.history = [
        *change.history,
        {"at": now.isoformat(), "by": user.pk, "step": step, "comment": comment},
    ]


@transaction.atomic
def propose(*, maison: MaisonPage, sections: dict, user, now=None) -> MaisonChange:
    """The maison's open change with ``sections`` (every section's proposed value; only
    those that differ from the published information are kept), pending again; created
    when there is none."""
    now = now or timezone.now()
    changed = proposal.changed_sections(proposal.current_state(maison), sections)
    if not changed:
        raise NothingChanged
    change = (
        MaisonChange.objects.select_for_update()
        .filter(maison=maison, status__in=MaisonChange.OPEN)
        .first()
    )
    if change is None:
        change = MaisonChange(maison=maison)
    change.proposal = changed
    change.status = Status.PENDING
    change.proposed_by = user
    _step(change, "proposed", user, now)
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:  # another agent of the maison opened one meanwhile
        raise NotOpen from None
    return change


@transaction.atomic
def withdraw(*, maison: MaisonPage, user, now=None) -> None:
    change = _locked(
        MaisonChange.objects.filter(maison=maison, status__in=MaisonChange.OPEN).values("pk")
    )
    change.status = Status.WITHDRAWN
    _step(change, "withdrawn", user, now or timezone.now())
    change.save(update_fields=["status", "history", "updated_at"])


def _locked(pks, *, statuses=MaisonChange.OPEN) -> MaisonChange:
    change = MaisonChange.objects.select_for_update().filter(pk__in=pks).first()
    if change is None or change.status not in statuses:
        raise NotOpen
    return change


@transaction.atomic
def send_back(*, change_pk: int, user, comment: str, now=None) -> MaisonChange:
    now = now or timezone.now()
    change = _locked([change_pk], statuses=(Status.PENDING,))
    change.status = Status.SENT_BACK
    change.decided_by, change.decided_at, change.comment = user, now, comment
    _step(change, "sent_back", user, now, comment)
    change.save()
    emails.decided(change)
    return change


@transaction.atomic
def approve(*, change_pk: int, user, comment: str = "", now=None) -> MaisonChange:
    """Publish the change as a new revision of the maison's page (its history shows it;
    the caches and search index follow as on any publish), confirmed today."""
    now = now or timezone.now()
    change = _locked([change_pk], statuses=(Status.PENDING,))
    page = MaisonPage.objects.get(pk=change.maison_id)
    proposal.apply(page, change.proposal)
    page.information_confirmed_on = timezone.localdate(now)
    revision = page.save_revision(user=user, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    log(page, APPROVED_ACTION, user=user, data={"change": change.pk})
    change.status = Status.APPROVED
    change.decided_by, change.decided_at, change.comment = user, now, comment
    change.revision = revision
    _step(change, "approved", user, now, comment)
    change.save()
    emails.decided(change)
    return change


@transaction.atomic
def confirm_unchanged(*, maison: MaisonPage, user, today=None) -> None:
    """The maison's information is right as published: confirmed today, in the page's
    history. The latest revision gets the date too, so that a later publication from the
    admin keeps it."""
    today = today or timezone.localdate()
    MaisonPage.objects.filter(pk=maison.pk).update(information_confirmed_on=today)
    maison.information_confirmed_on = today
    latest = Revision.objects.select_for_update().filter(pk=maison.latest_revision_id).first()
    if latest is not None:
        latest.content = {**latest.content, "information_confirmed_on": today.isoformat()}
        latest.save(update_fields=["content"])
    log(maison, CONFIRMED_ACTION, user=user)
    bump_content_version()

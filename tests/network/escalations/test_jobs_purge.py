"""The purge of closed escalations' free text after the retention period: the figures,
dates and consent's wording stay, the description, steps' bodies and attachments go."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from network.escalations.jobs import purge
from network.escalations.models import (
    AuditEntry,
    Escalation,
    EscalationAttachment,
    EscalationStatus,
    Step,
)
from tests.network.escalations.jobs_support import CONSENT, back_office, escalation

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)


def closed(members, office, closed_at: datetime) -> Escalation:
    """A closed escalation with a question, an answer and an attachment."""
    created_at = closed_at - timedelta(days=5)
    row = escalation(
        members.maison("34"),
        office,
        created_at,
        file_reference="CAF-123456",
        status=EscalationStatus.CLOSED,
        answered_at=closed_at - timedelta(days=1),
        answer_working_hours=Decimal("40.50"),
        closed_at=closed_at,
    )
    answer = Step.objects.create(
        escalation=row,
        kind=Step.Kind.ANSWER,
        body="Le dossier de Mme Exemple est débloqué.",
        detail={"assignee": 1},
        created_at=row.answered_at,
    )
    attachment = EscalationAttachment(
        escalation=row, step=answer, name="courrier-exemple.pdf", content_type="application/pdf"
    )
    attachment.file.save("courrier-exemple.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.size = attachment.file.size
    attachment.save()
    return row


@pytest.fixture
def office(members):
    return back_office(code="34")


def test_after_the_retention_the_free_text_goes_and_the_figures_stay(
    members, office, settings, django_capture_on_commit_callbacks
):
    # arrange
    settings.ESCALATION_RETENTION = timedelta(days=92)
    old = closed(members, office, NOW - timedelta(days=93))
    file_name = old.attachments.get().file.name
    storage = EscalationAttachment.file.field.storage
    assert storage.exists(file_name)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        outcome = purge(NOW)
    # assert
    assert (outcome.escalations, outcome.attachments) == (1, 1)
    old.refresh_from_db()
    assert (old.description, old.file_reference, old.purged_at) == ("", "", NOW)
    assert old.consent_text == CONSENT
    assert old.status == EscalationStatus.CLOSED
    assert old.answer_working_hours == Decimal("40.50")
    assert old.closed_at == NOW - timedelta(days=93)
    assert (old.partner_id, old.back_office_id, old.maison_id) == (
        office.partner_id,
        office.pk,
        members.maison("34").pk,
    )
    assert old.motive.label == "Dossier bloqué"
    assert list(old.steps.values_list("kind", "body")) == [
        (Step.Kind.CREATED, ""),
        (Step.Kind.ANSWER, ""),
    ]
    assert old.steps.get(kind=Step.Kind.ANSWER).detail == {"assignee": 1}
    assert not old.attachments.exists()
    assert not storage.exists(file_name)
    entry = AuditEntry.objects.get(escalation=old)
    assert (entry.action, entry.at, entry.user) == (AuditEntry.Action.PURGED, NOW, None)


def test_nothing_is_purged_before_the_retention_nor_while_open(
    members, office, django_capture_on_commit_callbacks
):
    # arrange
    recent = closed(members, office, NOW - timedelta(days=91))
    still_open = escalation(members.maison("34"), office, NOW - timedelta(days=200))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        outcome = purge(NOW)
    # assert
    assert (outcome.escalations, outcome.attachments) == (0, 0)
    for row in (recent, still_open):
        row.refresh_from_db()
        assert row.description
        assert row.purged_at is None
    assert recent.attachments.count() == 1
    assert not AuditEntry.objects.exists()


def test_the_retention_comes_from_the_settings(
    members, office, settings, django_capture_on_commit_callbacks
):
    # arrange
    settings.ESCALATION_RETENTION = timedelta(days=10)
    row = closed(members, office, NOW - timedelta(days=11))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        purge(NOW)
    # assert
    row.refresh_from_db()
    assert row.purged_at == NOW


def test_a_second_run_changes_nothing(members, office, django_capture_on_commit_callbacks, capsys):
    # arrange
    row = closed(members, office, NOW - timedelta(days=100))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_escalations")
    capsys.readouterr()
    purged_at = Escalation.objects.get(pk=row.pk).purged_at
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_escalations")
    # assert
    assert "0 escalation(s) purged, 0 attachment(s) deleted." in capsys.readouterr().out
    assert Escalation.objects.get(pk=row.pk).purged_at == purged_at
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PURGED).count() == 1

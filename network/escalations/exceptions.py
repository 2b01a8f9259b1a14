from django.core.exceptions import PermissionDenied


class EscalationRefused(PermissionDenied):
    """The member may read the escalation but not do this; the message says why."""


class WrongStep(ValueError):
    """A step the escalation's status (or its data) does not allow; the message says why."""

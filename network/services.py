"""Writes of the members area."""

from django.db import transaction

from .forms import ProfileForm
from .models import AgentProfile


@transaction.atomic
def update_profile(*, form: ProfileForm) -> AgentProfile:
    """Save a valid profile form: the member's names and their profile together."""
    return form.save()

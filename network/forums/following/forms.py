from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level


class LevelForm(forms.Form):
    """The level for a space (every level) or a topic (not "watching first post")."""

    level = forms.ChoiceField(label=_("Notifications"), choices=Level.choices)

    def __init__(self, *args, for_topic: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if for_topic:
            self.fields["level"].choices = [
                choice for choice in Level.choices if choice[0] != Level.WATCHING_FIRST_POST
            ]

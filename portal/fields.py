"""Bounds and form fields for numbers typed by visitors, shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

MAX_DB_INTEGER = 2**63 - 1  # the largest integer a database column holds (bigint)


class PageChoiceField(forms.ModelChoiceField):
    """A choice of page by id. An id past the database's integers is an invalid choice, as
    an unknown one is: a page type's id is a one-to-one key to Wagtail's page, which
    Django's guard for integers out of range does not cover (SQLite raises OverflowError)."""

    def to_python(self, value):
        try:
            out_of_range = abs(int(str(value))) > MAX_DB_INTEGER
        except ValueError:
            out_of_range = False  # not a number: the lookup refuses it
        if out_of_range:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)

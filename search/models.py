from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from .analysis import fold


class SearchSynonym(TranslatableMixin, models.Model):
    """Expressions that mean the same to the people searching: "APL", "aide au
    logement", "aide personnalisée au logement". A search for one finds the others."""

    expressions = models.TextField(
        _("expressions"),
        max_length=2000,
        help_text=_("One expression per line: a word, an acronym or a few words."),
    )

    panels = [FieldPanel("expressions")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return " ↔ ".join(self.expression_list())

    def expression_list(self) -> list[str]:
        seen: dict[str, str] = {}
        for line in self.expressions.splitlines():
            expression = " ".join(line.split())
            if expression:
                seen.setdefault(fold(expression), expression)
        return list(seen.values())

    def clean(self):
        super().clean()
        if len(self.expression_list()) < 2:
            raise ValidationError(
                {"expressions": _("Give at least two different expressions, one per line.")}
            )


class UnansweredSearch(models.Model):
    """How many searches for a query found nothing, per day: what the site lacks."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        verbose_name=_("query"),
        on_delete=models.CASCADE,
        related_name="unanswered",
    )
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="unique_unanswered_day")
        ]

    def __str__(self) -> str:
        return f"{self.query} ({self.date}: {self.hits})"

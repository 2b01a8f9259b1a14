"""National surveys: the national cell's questionnaires (Wagtail form pages kept out of every
site, answered in the members area), one answer per maison or per agent, and the reminders
sent to those who have not answered."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.models import Page

from portal.models import MembersOnlyPageMixin

from .questions import QUESTION_KINDS, SurveyFormBuilder

__all__ = ["SurveyAnswer", "SurveyField", "SurveyIndexPage", "SurveyPage", "SurveyReminder"]


class SurveyIndexPage(MembersOnlyPageMixin, Page):
    """ "Enquêtes nationales": the root of the surveys, under Wagtail's root (outside every
    site)."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["network.SurveyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("surveys' root")

    def members_url(self) -> str:
        return reverse("surveys:index")


class Audience(models.TextChoices):
    MAISONS = "maisons", _("Maisons (one answer per maison, by any of its agents)")
    AGENTS = "agents", _("Agents (one answer per agent)")


class SurveyPage(MembersOnlyPageMixin, AbstractForm):
    """A questionnaire of the national cell, addressed to the maisons or the agents of a
    territory (none: the whole network), answered from ``opens_at`` until ``closes_at``."""

    parent_page_types = ["network.SurveyIndexPage"]
    subpage_types = []
    form_builder = SurveyFormBuilder

    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MAISONS
    )
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty, with no department either: the whole network."),
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("department")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Audience and dates"),
        ),
        InlinePanel("form_fields", label=_("Questions")),
    ]

    class Meta:
        verbose_name = _("national survey")
        verbose_name_plural = _("national surveys")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey closes after it opens.")})
        if self.region_id and self.department_id:
            raise ValidationError(
                {"department": _("Address a survey to a region or a department, not both.")}
            )

    def members_url(self) -> str:
        return reverse("surveys:answer", args=[self.pk])

    def get_submission_class(self):
        return SurveyAnswer

    @property
    def by_maison(self) -> bool:
        return self.audience == Audience.MAISONS

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.live and self.opens_at <= at < self.closes_at

    def in_territory(self, maison) -> bool:
        """Whether ``maison`` lies in the survey's territory."""
        if maison is None or maison.department_id is None:
            return False
        if self.department_id is not None:
            return maison.department_id == self.department_id
        if self.region_id is not None:
            return maison.department.region_id == self.region_id
        return True

    def concerns(self, profile) -> bool:
        """Whether the survey asks ``profile`` (an agent of a maison of its territory),
        open or not."""
        # "agent": ``Role.AGENT`` (network.models imports this module).
        return profile.role == "agent" and self.in_territory(profile.maison)

    def addresses(self, profile) -> bool:
        """Whether ``profile`` may answer now (``Action.ANSWER_SURVEY``)."""
        return self.is_open() and self.concerns(profile)


class SurveyField(AbstractFormField):
    """A question of a survey."""

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("question type"), max_length=16, choices=QUESTION_KINDS)
    field_type.required_on_save = True


class SurveyAnswer(AbstractFormSubmission):
    """The answer of one maison (given by any of its agents) or of one agent, edited in
    place until the survey closes. For an agent's answer, ``maison`` is where they worked
    when they answered."""

    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("maison"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for the answer of a maison."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last answered at"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "maison"],
                condition=Q(agent=None),
                name="one_survey_answer_per_maison",
            ),
            models.UniqueConstraint(
                fields=["page", "agent"],
                condition=Q(agent__isnull=False),
                name="one_survey_answer_per_agent",
            ),
        ]

    def get_data(self):
        return {**super().get_data(), "updated_at": self.updated_at}


class SurveyReminder(models.Model):
    """A reminder e-mailed to a survey's non-respondents: at most one a day per survey."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="reminders"
    )
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("survey reminder")
        verbose_name_plural = _("survey reminders")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "sent_on"], name="one_survey_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.sent_on}"

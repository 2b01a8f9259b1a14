"""The national training plan: modules authored as members-only Wagtail pages, their
lessons and question banks, and what each member did with them (attempts, progress,
completions, SCORM data).

The module pages live in their own tree ("Formation", under Wagtail's root, outside every
site), so no site serves them: members read them through the members area
(``/espace-agents/formation/``), which asks the permission module first. They are never
indexed for the public search and never in a sitemap.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from network.models import Role
from portal.models import MembersOnlyPageMixin

from .blocks import LessonBlock
from .formats import gift
from .questions import InvalidQuestion


class Track(models.TextChoices):
    CORE = "socle", _("Common core")
    PARTNERS = "partenaires", _("Partner modules")
    REFRESHERS = "recyclage", _("Refreshers")


class Format(models.TextChoices):
    ELEARNING = "elearning", _("E-learning")
    SCORM = "scorm", _("SCORM package")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class MembersOnlyPage(MembersOnlyPageMixin, Page):
    """A page of the training tree, read through the members area's catalogue."""

    class Meta:
        abstract = True

    def members_url(self) -> str:
        return reverse("training:catalogue")


class TrainingRootPage(MembersOnlyPage):
    """ "Formation": the root of the training tree, under Wagtail's root."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["training.ModuleFolderPage", "training.TrainingPlanPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training root")


class ModuleFolderPage(MembersOnlyPage):
    """The modules of one partner, or of the national cell: the subtree its trainers'
    group may edit (Wagtail page permissions)."""

    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the national cell's modules."),
    )

    content_panels = [*Page.content_panels, FieldPanel("partner")]
    parent_page_types = ["training.TrainingRootPage"]
    subpage_types = ["training.ModulePage"]

    class Meta:
        verbose_name = _("modules folder")
        verbose_name_plural = _("modules folders")


class ModulePage(MembersOnlyPage):
    """A training module: its description, lessons (child pages) and question bank."""

    code = models.CharField(
        _("code"),
        max_length=40,
        db_index=True,
        help_text=_("Upper-case letters, digits and dashes, e.g. CAF-RSA-2."),
    )
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary"), max_length=600)
    objectives = models.TextField(_("objectives"), help_text=_("One objective per line."))
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("expected duration (minutes)"), validators=[MinValueValidator(1)]
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    version = models.CharField(_("version"), max_length=20, default="1")
    validity_months = models.PositiveIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        help_text=_("For refreshers: how long a completion stays valid. Empty: for ever."),
    )
    themes = ParentalManyToManyField(
        "directory.GuideTheme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    questions_drawn = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        default=8,
        help_text=_("Drawn at random from the bank; 0 takes every question."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0: unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Members may extend it while they answer."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("summary"),
                FieldPanel("objectives"),
                FieldPanel("audience"),
                FieldPanel("duration_minutes"),
                FieldPanel("format"),
                FieldPanel("version"),
                FieldPanel("validity_months"),
                FieldPanel("themes"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Module"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("questions_drawn"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
            ],
            heading=_("Quiz"),
        ),
        InlinePanel("questions", label=_("Question bank (GIFT, one question each)")),
    ]
    parent_page_types = ["training.ModuleFolderPage"]
    subpage_types = ["training.LessonPage"]

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def members_url(self) -> str:
        return reverse("training:module", kwargs={"slug": self.slug})

    # A translation keeps its module's code, address, settings and owner.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("objectives"),
        TranslatableField("audience"),
        SynchronizedField("slug"),
        SynchronizedField("code"),
        SynchronizedField("duration_minutes"),
        SynchronizedField("format"),
        SynchronizedField("version"),
        SynchronizedField("validity_months"),
        SynchronizedField("themes"),
        SynchronizedField("prerequisites"),
        SynchronizedField("pass_mark"),
        SynchronizedField("questions_drawn"),
        SynchronizedField("max_attempts"),
        SynchronizedField("time_limit_minutes"),
        SynchronizedField("questions"),
    ]

    def full_clean(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().full_clean(*args, **kwargs)

    def clean(self):
        """A module's code and address name one module of a language (the members area
        finds a module by its address)."""
        super().clean()
        others = ModulePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        errors = {}
        if others.filter(code=self.code).exists():
            errors["code"] = _("Another module has this code.")
        if others.filter(slug=self.slug).exists():
            errors["slug"] = _("Another module has this address.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """The partner is the folder's: the subtree its trainers may edit."""
        parent = self.get_parent()
        if parent is not None:
            self.partner_id = parent.specific_deferred.partner_id
        return super().save(*args, **kwargs)

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class LessonPage(MembersOnlyPage):
    duration_minutes = models.PositiveIntegerField(
        _("expected duration (minutes)"), validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonBlock(), verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("duration_minutes"), FieldPanel("body")]
    parent_page_types = ["training.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def members_url(self) -> str:
        module = self.get_parent()
        return reverse("training:lesson", kwargs={"slug": module.slug, "lesson": self.slug})


class Question(Orderable):
    """One question of a module's bank, written in GIFT; ``data`` is what it parses to
    (``training.questions.Question.to_dict``), read when an attempt draws it."""

    module = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="questions")
    gift = models.TextField(
        _("question (GIFT)"),
        help_text=_(
            "E.g. ::Délai:: Dans quel délai répondre ? {=72 heures ~24 heures}. "
            "Import a whole GIFT or Moodle XML file from the module's listing."
        ),
    )
    data = models.JSONField(editable=False, default=dict)

    panels = [FieldPanel("gift")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def clean(self):
        try:
            self.data = gift.parse_one(self.gift).to_dict()
        except InvalidQuestion as error:
            raise ValidationError({"gift": str(error)}) from error


class TrainingPlanPage(MembersOnlyPage):
    """A yearly national training plan: modules by track, mandatory or optional per role."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("introduction"),
        InlinePanel("entries", label=_("Modules of the plan"), min_num=1),
    ]
    parent_page_types = ["training.TrainingRootPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")


def role_choices():
    return Role.choices


class PlanEntry(Orderable):
    plan = ParentalKey(TrainingPlanPage, on_delete=models.CASCADE, related_name="entries")
    module = models.ForeignKey(
        ModulePage, verbose_name=_("module"), on_delete=models.PROTECT, related_name="+"
    )
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    mandatory_for = models.JSONField(
        _("mandatory for"),
        default=list,
        blank=True,
        help_text=_("Roles for which the module is mandatory; optional for the others."),
    )

    panels = [FieldPanel("module"), FieldPanel("track"), FieldPanel("mandatory_for")]

    class Meta(Orderable.Meta):
        verbose_name = _("module of the plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "module"], name="unique_plan_module")
        ]

    def clean(self):
        unknown = set(self.mandatory_for or []) - set(Role.values)
        if unknown:
            raise ValidationError({"mandatory_for": _("Unknown roles: %s") % ", ".join(unknown)})


class ScormPackage(models.Model):
    """A SCORM 1.2 package of a module, stored privately under ``scorm/<uuid>/``."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    module = models.OneToOneField(
        ModulePage, on_delete=models.CASCADE, related_name="scorm_package"
    )
    title = models.CharField(_("title"), max_length=255)
    launch = models.CharField(_("launch file"), max_length=500)
    mastery_score = models.FloatField(_("mastery score"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("SCORM package")

    def __str__(self) -> str:
        return self.title

    @property
    def prefix(self) -> str:
        return f"scorm/{self.uuid}"


class ScormAttempt(models.Model):
    """A member's SCORM 1.2 run-time data for one package, kept between sessions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(ScormPackage, on_delete=models.CASCADE, related_name="attempts")
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "package"], name="unique_scorm_attempt")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.package}"


class QuizAttempt(models.Model):
    """One attempt at a module's quiz: the questions drawn (as they were), the answers, the
    score. Addressed by a random id, and only ever shown to the member who made it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="attempts")
    module_version = models.CharField(max_length=20)
    drawn = models.JSONField(default=list)  # [{"question": pk, "seed": int, "data": {...}}]
    answers = models.JSONField(default=dict)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "module"], name="attempt_user_module")]

    def __str__(self) -> str:
        return f"{self.user} – {self.module.code} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def duration(self):
        return (self.submitted_at - self.started_at) if self.submitted_at else None


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Done")


class ModuleProgress(models.Model):
    """Where a member stands in a module: lessons read, best score, status."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    lessons_done = models.JSONField(default=list)  # lesson page ids, in the order read
    last_lesson = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    best_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="unique_module_progress")
        ]
        indexes = [models.Index(fields=["module", "status"], name="progress_module_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.module.code}: {self.status}"


class ImmutableRecord(Exception):
    pass


class Completion(models.Model):
    """A module completed, as it was then (code, title, version): never changed or deleted
    with the module, whatever becomes of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    module = models.ForeignKey(
        ModulePage, null=True, on_delete=models.SET_NULL, related_name="completions"
    )
    module_code = models.CharField(max_length=40)
    module_title = models.CharField(max_length=255)
    module_version = models.CharField(max_length=20)
    completed_at = models.DateTimeField()
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(
        max_length=20,
        choices=[
            ("quiz", _("Quiz")),
            ("scorm", _("SCORM package")),
            ("session", _("Training session")),
        ],
    )
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["user", "module"], name="completion_user_module")]

    def __str__(self) -> str:
        return f"{self.user} – {self.module_code} {self.module_version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableRecord("A completion is never changed.")
        super().save(*args, **kwargs)


from .certifications.models import *  # noqa: E402,F403
from .events.models import *  # noqa: E402,F403
from .steering.models import LateReminder, TrainedAgent, TrainedDefinition  # noqa: E402,F401

"""What changes training data: the tree and its editors' groups, question banks, lessons
read, quiz attempts, SCORM packages and their run-time data, completions."""

import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from directory.models import Partner

from . import questions as quiz
from .formats import gift, moodle_xml
from .models import (
    Completion,
    LessonPage,
    ModuleFolderPage,
    ModulePage,
    ModuleProgress,
    ProgressStatus,
    Question,
    QuizAttempt,
    ScormAttempt,
    ScormPackage,
    TrainingRootPage,
)
from .scorm import package as scorm_package
from .scorm import runtime as scorm_runtime
from .selectors import GRACE, attempts_left, open_attempt

# WCAG 2.2.1: a time limit may be extended at least ten times.
MAX_EXTENSIONS = 10
TRAINERS_PAGE_PERMISSIONS = ("add_page", "change_page")
TRAINERS_GROUP_PREFIX = "Formateurs – "


class TrainingError(Exception):
    """A refused training action, with the message the member reads."""


# The tree and the editors' groups -------------------------------------------------------


@transaction.atomic
def ensure_training_root() -> TrainingRootPage:
    """ "Formation", under Wagtail's root (outside every site), and the national cell's
    modules folder."""
    root = TrainingRootPage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if root is None:
        root = Page.get_first_root_node().add_child(
            instance=TrainingRootPage(title="Formation", slug="formation")
        )
    if not ModuleFolderPage.objects.child_of(root).filter(partner=None).exists():
        root.add_child(
            instance=ModuleFolderPage(title="Modules de la cellule nationale", slug="national")
        )
    return root


@transaction.atomic
def folder_for(partner: Partner | None) -> ModuleFolderPage:
    """The folder of ``partner``'s modules (created with its trainers' group)."""
    root = ensure_training_root()
    folder = ModuleFolderPage.objects.child_of(root).filter(partner=partner).first()
    if folder is None:
        folder = root.add_child(
            instance=ModuleFolderPage(
                title=f"Modules {partner.name}", slug=partner.slug, partner=partner
            )
        )
    if partner is not None:
        trainers_group(partner, folder)
    return folder


PUBLICATION_WORKFLOW = "Validation des modules par la cellule nationale"


@transaction.atomic
def ensure_publication_workflow(approvers: Group) -> Workflow:
    """Every page of the training tree is published through one workflow: the approval
    of ``approvers`` (the national cell's editors)."""
    workflow, created = Workflow.objects.get_or_create(name=PUBLICATION_WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name=_("Approval by the national cell"))
        task.groups.set([approvers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=ensure_training_root(), defaults={"workflow": workflow}
    )
    return workflow


def trainers_group(partner: Partner, folder: ModuleFolderPage | None = None) -> Group:
    """The Wagtail group of ``partner``'s trainers: the admin's door, and adding and editing
    pages in their folder only. Publishing is the national cell's (its workflow)."""
    group, _created = Group.objects.get_or_create(name=f"{TRAINERS_GROUP_PREFIX}{partner.slug}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    folder = folder or folder_for(partner)
    for codename in TRAINERS_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=folder,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def sync_trainer_groups(profile) -> None:
    """A partner trainer belongs to their partner's trainers group, and to no other."""
    user = profile.user
    current = user.groups.filter(name__startswith=TRAINERS_GROUP_PREFIX)
    wanted = (
        trainers_group(profile.partner)
        if profile.role == "partner_trainer" and profile.partner_id is not None and user.is_active
        else None
    )
    user.groups.remove(*[group for group in current if group != wanted])
    if wanted is not None:
        user.groups.add(wanted)


# Question banks ---------------------------------------------------------------------


@dataclass(frozen=True)
class BankImport:
    added: int
    revision_id: int


def parse_question_file(data: bytes, filename: str) -> list[quiz.Question]:
    """The questions of a GIFT (``.gift``, ``.txt``) or Moodle XML (``.xml``) file, all or
    none: TrainingError with the line of the first fault."""
    name = filename.lower()
    try:
        if name.endswith(".xml"):
            questions = moodle_xml.parse(data)
        elif name.endswith((".gift", ".txt")):
            questions = gift.parse(data.decode("utf-8-sig"))
        else:
            raise TrainingError(_("Send a GIFT (.gift, .txt) or Moodle XML (.xml) file."))
    except UnicodeDecodeError as error:
        raise TrainingError(_("The file is not UTF-8 text.")) from error
    except (gift.GiftError, moodle_xml.MoodleXmlError) as error:
        raise TrainingError(_("Line %(line)s: %(message)s") % _fault(error)) from error
    if not questions:
        raise TrainingError(_("The file holds no question."))
    for number, question in enumerate(questions, start=1):
        try:
            question.validate()
        except quiz.InvalidQuestion as error:
            raise TrainingError(
                _("Question %(number)s: %(message)s") % {"number": number, "message": error}
            ) from error
    return questions


def _fault(error) -> dict:
    return {
        "line": getattr(error, "line", None) or "?",
        "message": getattr(error, "message", error),
    }


@transaction.atomic
def import_question_bank(*, module: ModulePage, data: bytes, filename: str, user) -> BankImport:
    """Adds the file's questions to the module's bank in a new draft revision (published
    through the module's workflow, like any change of the page)."""
    questions = parse_question_file(data, filename)
    draft = module.get_latest_revision_as_object()
    draft.questions.add(
        *[Question(gift=gift.dump([question]), data=question.to_dict()) for question in questions]
    )
    revision = draft.save_revision(user=user, log_action=True)
    return BankImport(added=len(questions), revision_id=revision.pk)


# Lessons and progress -----------------------------------------------------------------


def _progress(user, module: ModulePage, now) -> ModuleProgress:
    progress, _created = ModuleProgress.objects.select_for_update().get_or_create(
        user=user,
        module=module,
        defaults={"status": ProgressStatus.IN_PROGRESS, "updated_at": now},
    )
    return progress


@transaction.atomic
def mark_lesson_read(*, user, lesson: LessonPage, now=None) -> ModuleProgress:
    now = now or timezone.now()
    module = lesson.get_parent().specific
    progress = _progress(user, module, now)
    if lesson.pk not in progress.lessons_done:
        progress.lessons_done = [*progress.lessons_done, lesson.pk]
    progress.last_lesson = lesson
    return _settle(progress, now)


def _settle(progress: ModuleProgress, now) -> ModuleProgress:
    """The module's status from what the member did; a completion the first time every
    requirement of the module's version is met."""
    module = progress.module
    lessons = set(LessonPage.objects.child_of(module).live().values_list("pk", flat=True))
    done = lessons <= set(progress.lessons_done)
    if module.questions.exists():
        done = (
            done
            and QuizAttempt.objects.filter(user=progress.user, module=module, passed=True).exists()
        )
    package = ScormPackage.objects.filter(module=module).first()
    scorm_score = None
    if package is not None:
        attempt = ScormAttempt.objects.filter(user=progress.user, package=package).first()
        complete = attempt is not None and scorm_runtime.is_complete(attempt.state)
        done = done and complete
        if complete:
            scorm_score = scorm_runtime.outcome(attempt.state)[1]
    progress.status = ProgressStatus.COMPLETED if done else ProgressStatus.IN_PROGRESS
    progress.updated_at = now
    progress.save()
    if (
        done
        and not Completion.objects.filter(
            user=progress.user, module=module, module_version=module.version
        ).exists()
    ):
        score = progress.best_score if progress.best_score is not None else scorm_score
        Completion.objects.create(
            user=progress.user,
            module=module,
            module_code=module.code,
            module_title=module.title,
            module_version=module.version,
            completed_at=now,
            score=None if score is None else _percent(score),
            source="scorm" if package is not None and progress.best_score is None else "quiz",
            valid_until=(
                (now + relativedelta(months=module.validity_months)).date()
                if module.validity_months
                else None
            ),
        )
    return progress


def _percent(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Quizzes ------------------------------------------------------------------------------


@transaction.atomic
def start_attempt(*, user, module: ModulePage, now=None) -> QuizAttempt:
    """The open attempt, or a new one: questions drawn at random, as they are now."""
    now = now or timezone.now()
    _progress(user, module, now)  # locks the member's progress: one start at a time
    current = open_attempt(user, module, now)
    if current is not None:
        return current
    _close_expired(user, module, now)
    if attempts_left(user, module) == 0:
        raise TrainingError(_("You have used every attempt at this quiz."))
    bank = list(module.questions.order_by("sort_order", "pk").values("pk", "data"))
    if not bank:
        raise TrainingError(_("This module has no quiz."))
    seed = secrets.randbits(32)
    draw = random.Random(seed)  # noqa: S311 (which questions, not a secret)
    count = module.questions_drawn or len(bank)
    chosen = draw.sample(bank, min(count, len(bank)))
    return QuizAttempt.objects.create(
        user=user,
        module=module,
        module_version=module.version,
        drawn=[
            {"question": row["pk"], "seed": draw.randrange(2**31), "data": row["data"]}
            for row in chosen
        ],
        started_at=now,
        deadline=now + timedelta(minutes=module.time_limit_minutes)
        if module.time_limit_minutes
        else None,
    )


def _close_expired(user, module, now) -> None:
    for attempt in QuizAttempt.objects.filter(user=user, module=module, submitted_at=None):
        _grade(attempt, attempt.answers, now)


@transaction.atomic
def extend_attempt(*, attempt: QuizAttempt, now=None) -> QuizAttempt:
    """More time, as much as the limit again, up to ten times (WCAG 2.2.1)."""
    now = now or timezone.now()
    attempt = QuizAttempt.objects.select_for_update().select_related("module").get(pk=attempt.pk)
    if attempt.submitted_at is not None or attempt.deadline is None:
        raise TrainingError(_("This attempt has no time limit to extend."))
    if attempt.extensions >= MAX_EXTENSIONS:
        raise TrainingError(_("The time limit cannot be extended any more."))
    attempt.deadline = max(attempt.deadline, now) + timedelta(
        minutes=attempt.module.time_limit_minutes or 0
    )
    attempt.extensions += 1
    attempt.save(update_fields=["deadline", "extensions"])
    return attempt


@transaction.atomic
def submit_attempt(*, attempt: QuizAttempt, answers: dict, now=None) -> QuizAttempt:
    """Scores the answers (once: a second submission changes nothing)."""
    now = now or timezone.now()
    attempt = QuizAttempt.objects.select_for_update().select_related("module").get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        return attempt
    _progress(attempt.user, attempt.module, now)
    return _grade(attempt, answers, now)


def _grade(attempt: QuizAttempt, answers: dict, now) -> QuizAttempt:
    scores = [
        quiz.score(quiz.Question.from_dict(item["data"]), answers.get(str(index)))
        for index, item in enumerate(attempt.drawn)
    ]
    module = attempt.module
    attempt.answers = answers
    attempt.submitted_at = now
    attempt.late = attempt.deadline is not None and now > attempt.deadline + GRACE
    attempt.score = _percent(100 * sum(scores) / len(scores)) if scores else _percent(0)
    attempt.passed = not attempt.late and attempt.score >= module.pass_mark
    attempt.save()
    progress = ModuleProgress.objects.get(user=attempt.user, module=module)
    if progress.best_score is None or attempt.score > progress.best_score:
        progress.best_score = attempt.score
    _settle(progress, now)
    return attempt


def check_answer(*, question: quiz.Question, response) -> dict:
    """A lesson's inline question: right or not, and why."""
    return {
        "score": quiz.score(question, response),
        **quiz.feedback_for(question, response),
    }


# SCORM packages ---------------------------------------------------------------------


def private_storage():
    return storages["private"]


@transaction.atomic
def install_scorm_package(*, module: ModulePage, data: bytes, user) -> ScormPackage:
    """Checks and stores a SCORM 1.2 package as the module's (replacing the previous one,
    whose files are removed once the new one is saved); TrainingError on a bad file."""
    storage = private_storage()
    previous = ScormPackage.objects.filter(module=module).first()
    package = previous or ScormPackage(module=module)
    old_prefix = previous.prefix if previous else None
    package.uuid = uuid.uuid4()  # new files under a new name: the old ones stay until commit
    try:
        manifest = scorm_package.extract(data, storage, package.prefix)
    except scorm_package.PackageError as error:
        raise TrainingError(_package_message(error)) from error
    package.title = manifest.title[:255] or module.title
    package.launch = manifest.launch
    package.mastery_score = manifest.mastery_score
    package.size = len(data)
    package.uploaded_by = user
    package.save()
    if old_prefix:
        transaction.on_commit(lambda: _remove_tree(storage, old_prefix))
    return package


def _package_message(error) -> str:
    where = []
    if getattr(error, "path", None):
        where.append(error.path)
    if getattr(error, "line", None):
        where.append(_("line %s") % error.line)
    prefix = f"{', '.join(where)}: " if where else ""
    return f"{prefix}{error.message}"


def _remove_tree(storage, prefix: str) -> None:
    directories, files = storage.listdir(prefix)
    for name in files:
        storage.delete(f"{prefix}/{name}")
    for name in directories:
        _remove_tree(storage, f"{prefix}/{name}")


def scorm_state(*, user, package: ScormPackage) -> ScormAttempt:
    attempt, _created = ScormAttempt.objects.get_or_create(
        user=user,
        package=package,
        defaults={
            "state": scorm_runtime.initial_state(
                student_id=str(user.pk),
                student_name=f"{user.last_name}, {user.first_name}".strip(", "),
                mastery_score=package.mastery_score,
            )
        },
    )
    return attempt


@transaction.atomic
def scorm_commit(*, user, package: ScormPackage, values: dict, finishing: bool, now=None):
    """Stores what the package committed; completes the module when the package is."""
    now = now or timezone.now()
    attempt = scorm_state(user=user, package=package)
    attempt = ScormAttempt.objects.select_for_update().get(pk=attempt.pk)
    attempt.state = scorm_runtime.commit(attempt.state, values, finishing=finishing)
    attempt.save()
    if scorm_runtime.is_complete(attempt.state):
        _settle(_progress(user, package.module, now), now)
    return attempt

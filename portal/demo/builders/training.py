"""The 2026 training plan (``content/training/``): modules in their partner's folder, their
lessons, question banks imported from GIFT files, the demo SCORM package, the plan; then,
in development, the demo members' progress, made by taking the lessons and quizzes."""

import json
import math
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

from directory.models import GuideTheme, Partner
from portal.models import User
from training import questions as quiz
from training import services
from training.formats import gift
from training.models import LessonPage, ModulePage, PlanEntry, Question, TrainingPlanPage
from training.scorm.package import build_zip


def build_tree(*, approvers: Group, log) -> None:
    """The training tree: the national cell's folder and each national partner's (with its
    trainers' group), published through the national cell's approval."""
    services.ensure_publication_workflow(approvers)
    partners = Partner.objects.filter(locale__language_code="fr", national=True)
    for partner in partners.order_by("name"):
        services.folder_for(partner)
    log(f"Training tree: {partners.count()} partners' folders, publication workflow")


def build(training, log, *, approvers: Group) -> None:
    build_tree(approvers=approvers, log=log)
    modules = {row["code"]: _module(row, training.directory) for row in training.modules}
    for row in training.modules:
        module = modules[row["code"]]
        module.prerequisites.set([modules[code] for code in row["prerequisites"]])
        module.save_revision().publish()
    _plan(training.plan, modules)
    log(f"Training: {len(modules)} modules, plan {training.plan['year']}")


def _partner(slug: str | None) -> Partner | None:
    if slug is None:
        return None
    return Partner.objects.get(locale__language_code="fr", slug=slug)


def _module(row: dict, directory: Path) -> ModulePage:
    existing = ModulePage.objects.filter(code=row["code"]).first()
    if existing is not None:
        return existing
    quiz_settings = row["quiz"]
    module = services.folder_for(_partner(row["partner"])).add_child(
        instance=ModulePage(
            title=row["title"],
            slug=row["slug"],
            code=row["code"],
            summary=row["summary"],
            objectives="\n".join(row["objectives"]),
            audience=row["audience"],
            duration_minutes=row["duration_minutes"],
            format=row["format"],
            version=row["version"],
            validity_months=row["validity_months"],
            pass_mark=quiz_settings["pass_mark"],
            questions_drawn=quiz_settings["questions_drawn"],
            max_attempts=quiz_settings["attempts"],
            time_limit_minutes=quiz_settings["time_limit_minutes"],
        )
    )
    module.themes.set(
        GuideTheme.objects.filter(locale__language_code="fr", slug__in=row["themes"])
    )
    for question in services.parse_question_file(
        (directory / quiz_settings["file"]).read_bytes(), quiz_settings["file"]
    ):
        module.questions.add(Question(gift=gift.dump([question]), data=question.to_dict()))
    for lesson in row["lessons"]:
        module.add_child(
            instance=LessonPage(
                title=lesson["title"],
                slug=lesson["slug"],
                duration_minutes=lesson["duration_minutes"],
                body=json.dumps(lesson["body"]),
            )
        )
    module.save_revision().publish()
    if row.get("scorm"):
        services.install_scorm_package(
            module=module, data=build_zip(directory / row["scorm"]), user=None
        )
    return module


def _plan(plan: dict, modules: dict[str, ModulePage]) -> TrainingPlanPage:
    existing = TrainingPlanPage.objects.filter(year=plan["year"]).first()
    if existing is not None:
        return existing
    page = services.ensure_training_root().add_child(
        instance=TrainingPlanPage(
            title=plan["title"],
            slug=f"plan-{plan['year']}",
            year=plan["year"],
            introduction=plan["introduction"],
        )
    )
    for order, entry in enumerate(plan["modules"]):
        PlanEntry.objects.create(
            plan=page,
            module=modules[entry["code"]],
            track=entry["track"],
            mandatory_for=entry["mandatory_for"],
            sort_order=order,
        )
    page.save_revision().publish()
    return page


def build_progress(progress: list[dict], log) -> None:
    """Each demo member's stage, by doing what a member does: reading the lessons and
    answering the quizzes (right as often as their score says), on the days given."""
    now = timezone.now()
    for row in progress:
        user = User.objects.get(email=row["email"])
        if user.quiz_attempts.exists() or user.module_progress.exists():
            continue
        for done in row.get("completed", []):
            module = ModulePage.objects.get(code=done["module"])
            when = now - timedelta(days=done["days_ago"])
            _read(user, module, len(module.get_children()), when)
            _answer(user, module, done["score"], when)
        for failed in row.get("failed", []):
            module = ModulePage.objects.get(code=failed["module"])
            _answer(user, module, failed["score"], now - timedelta(days=failed["days_ago"]))
        for started in row.get("in_progress", []):
            module = ModulePage.objects.get(code=started["module"])
            _read(user, module, started["lessons_done"], now - timedelta(days=started["days_ago"]))
    log(f"Training progress of {len(progress)} demo members")


def _read(user, module: ModulePage, count: int, when) -> None:
    for lesson in LessonPage.objects.child_of(module).live()[:count]:
        services.mark_lesson_read(user=user, lesson=lesson, now=when)


def _answer(user, module: ModulePage, score: int, when) -> None:
    attempt = services.start_attempt(user=user, module=module, now=when)
    right = math.ceil(score / 100 * len(attempt.drawn))  # at least the score asked
    answers = {
        str(index): quiz.right_response(quiz.Question.from_dict(item["data"]))
        if index < right
        else None
        for index, item in enumerate(attempt.drawn)
    }
    services.submit_attempt(attempt=attempt, answers=answers, now=when + timedelta(minutes=12))


def build_events(events: list[dict], log) -> None:
    """The demo's sessions and meetings, registered through the service (in order, so the
    full ones have a waiting list); past ones with their attendance taken."""
    from directory.models import MaisonPage, Region
    from training.events import services as event_services
    from training.events.models import Event, Registration, RegistrationStatus

    now = timezone.now()
    for row in events:
        if Event.objects.filter(title=row["title"]).exists():
            continue
        starts_at = now + timedelta(days=row["days_from_now"])
        maison = None
        if "maison_in_department" in row:
            maison = (
                MaisonPage.objects.filter(
                    locale__language_code="fr",
                    department__code=row["maison_in_department"],
                    live=True,
                )
                .order_by("pk")
                .first()
            )
        deadline = row.get("cancellation_days_before")
        event = Event(
            kind=row["kind"],
            title=row["title"],
            module=ModulePage.objects.filter(code=row["module"]).first()
            if "module" in row
            else None,
            trainer=User.objects.filter(email=row.get("trainer", "")).first(),
            region=Region.objects.filter(code=row["region"]).first() if "region" in row else None,
            maison=maison,
            address=row.get("address", ""),
            visio_url=row.get("visio", ""),
            agenda=row.get("agenda", ""),
            speakers=row.get("speakers", ""),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=row["hours"]),
            capacity=row["capacity"],
            cancellation_deadline=starts_at - timedelta(days=deadline) if deadline else None,
        )
        event.full_clean()
        event.save()
        users = [User.objects.get(email=email) for email in row.get("registered", [])]
        if starts_at > now:
            for user in users:
                event_services.register(event=event, user=user, now=now)
            continue
        for index, user in enumerate(users):
            Registration.objects.create(
                event=event,
                user=user,
                status=(
                    RegistrationStatus.REGISTERED
                    if index < event.capacity
                    else RegistrationStatus.WAITING
                ),
                created_at=starts_at - timedelta(days=10),
            )
        came = set(row.get("attended", []))
        event_services.mark_attendance(
            event=event,
            present=set(
                event.registrations.filter(user__email__in=came).values_list("pk", flat=True)
            ),
            now=event.ends_at,
        )
    log(f"{len(events)} demo sessions and meetings")

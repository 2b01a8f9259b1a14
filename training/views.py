"""The training area of the members' space (``/espace-agents/formation/``): every view asks
the permission module first, and answers 404 for what the member may not see."""

import json
import mimetypes
import posixpath

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale

from network.models import AgentProfile
from network.permissions import Action, can, profile_of
from portal.csv_tables import csv_response, wants_csv

from . import questions as quiz
from . import selectors, services
from .formats import gift
from .models import LessonPage, ModulePage, QuizAttempt, ScormPackage
from .scorm import runtime as scorm_runtime


def _member(request, action: Action, target=None):
    """The member asking, when they may; a 404 otherwise, which says nothing of why."""
    if not can(request.user, action, target):
        raise Http404
    return profile_of(request.user)


def _module(slug: str) -> ModulePage:
    """The live module of the default language at this address (what members' progress
    refers to, whatever the interface's language)."""
    module = (
        ModulePage.objects.live()
        .filter(slug=slug, locale=Locale.get_default())
        .select_related("partner")
        .order_by("pk")
        .first()
    )
    if module is None:
        raise Http404
    return module


def _my_plan(request):
    """The current plan and its modules as the member asking stands in them."""
    return selectors.current_plan_entries(request.user, _member(request, Action.TAKE_TRAINING))


@login_required
@require_GET
def catalogue(request):
    plan, entries = _my_plan(request)
    form = selectors.CatalogueFilter(request.GET or None, entries=entries)
    shown = form.apply(entries)
    return TemplateResponse(
        request,
        "training/catalogue.html",
        {
            "plan": plan,
            "form": form,
            "groups": selectors.by_track(shown),
            "shown": len(shown),
            "progress": selectors.PlanProgress(entries),
        },
    )


@login_required
@require_GET
def my_progress(request):
    plan, entries = _my_plan(request)
    completions = selectors.completions_of(request.user)
    if wants_csv(request):
        return csv_response(
            "ma-formation.csv",
            [
                _("Code"),
                _("Module"),
                _("Version"),
                _("Completed on"),
                _("Score"),
                _("Valid until"),
            ],
            [
                (
                    c.module_code,
                    c.module_title,
                    c.module_version,
                    c.completed_at.date(),
                    c.score,
                    c.valid_until,
                )
                for c in completions
            ],
        )
    return TemplateResponse(
        request,
        "training/my_progress.html",
        {
            "plan": plan,
            "progress": selectors.PlanProgress(entries),
            "groups": selectors.by_track(entries),
            "completions": completions,
        },
    )


@login_required
@require_GET
def module_detail(request, slug: str):
    profile = _member(request, Action.TAKE_TRAINING)
    module = _module(slug)
    view = selectors.module_view(module, request.user, profile, now=timezone.now())
    return TemplateResponse(
        request,
        "training/module.html",
        {
            "view": view,
            "module": module,
            "may_see_results": can(request.user, Action.VIEW_MODULE_RESULTS, module.partner),
        },
    )


def _lesson(module: ModulePage, slug: str) -> LessonPage:
    return get_object_or_404(LessonPage.objects.child_of(module).live(), slug=slug)


@login_required
def lesson_detail(request, slug: str, lesson: str):
    _member(request, Action.TAKE_TRAINING)
    module = _module(slug)
    page = _lesson(module, lesson)
    checked = {}
    if request.method == "POST":
        if "read" in request.POST:
            services.mark_lesson_read(user=request.user, lesson=page)
            following = page.get_next_siblings().live().type(LessonPage).first()
            if following is not None:
                return redirect("training:lesson", slug=module.slug, lesson=following.slug)
            messages.success(request, _("Every lesson of this module is read."))
            return redirect("training:module", slug=module.slug)
        checked = _check(request, page)
    elif request.method != "GET":
        return HttpResponseBadRequest()
    lessons = list(LessonPage.objects.child_of(module).live().only("pk", "title", "slug"))
    return TemplateResponse(
        request,
        "training/lesson.html",
        {
            "module": module,
            "lesson": page,
            "lessons": lessons,
            "body": _body(page, checked),
        },
    )


def _check_question(page: LessonPage, block_id: str) -> quiz.Question | None:
    for block in page.body:
        if block.block_type == "check" and block.id == block_id:
            return gift.parse_one(block.value["gift"])
    return None


def _check(request, page: LessonPage) -> dict:
    """The answer to one of the lesson's inline questions, checked."""
    block_id = request.POST.get("check", "")
    question = _check_question(page, block_id)
    if question is None:
        raise Http404
    response = quiz_response(question, quiz.public_view(question, seed=0), request.POST, "c")
    return {block_id: services.check_answer(question=question, response=response)}


def _body(page: LessonPage, checked: dict) -> list[tuple]:
    """The lesson's blocks, each inline question with its public view and the member's
    result when they just answered it."""
    body = []
    for block in page.body:
        check = None
        if block.block_type == "check":
            question = gift.parse_one(block.value["gift"])
            check = {
                "question": quiz.public_view(question, seed=0),
                "result": checked.get(block.id),
            }
        body.append((block, check))
    return body


def quiz_response(question: quiz.Question, public: dict, data, prefix: str):
    """A question's answer from a submitted form (fields ``<prefix>``, or
    ``<prefix>-<prompt key>`` for matching)."""
    kind = quiz.Kind(question.kind)
    if kind == quiz.Kind.MULTIPLE:
        return data.getlist(prefix)
    if kind == quiz.Kind.MATCHING:
        return {
            prompt["key"]: data.get(f"{prefix}-{prompt['key']}", "")
            for prompt in public["prompts"]
        }
    return data.get(prefix, "")


@login_required
@require_POST
def quiz_start(request, slug: str):
    profile = _member(request, Action.TAKE_TRAINING)
    module = _module(slug)
    view = selectors.module_view(module, request.user, profile, now=timezone.now())
    if view.missing_prerequisites:
        messages.error(request, _("Complete this module's prerequisites first."))
        return redirect("training:module", slug=module.slug)
    try:
        attempt = services.start_attempt(user=request.user, module=module)
    except services.TrainingError as error:
        messages.error(request, str(error))
        return redirect("training:module", slug=module.slug)
    return redirect("training:attempt", pk=attempt.uuid)


def _own_attempt(request, pk) -> QuizAttempt:
    """Only the member who made an attempt ever reaches it: 404 for anyone else."""
    _member(request, Action.TAKE_TRAINING)
    return get_object_or_404(
        QuizAttempt.objects.select_related("module"), uuid=pk, user=request.user
    )


def _public_questions(attempt: QuizAttempt) -> list[tuple[quiz.Question, dict]]:
    pairs = []
    for item in attempt.drawn:
        question = quiz.Question.from_dict(item["data"])
        pairs.append((question, quiz.public_view(question, seed=item["seed"])))
    return pairs


@login_required
def attempt(request, pk):
    attempt = _own_attempt(request, pk)
    if attempt.submitted_at is not None:
        return redirect("training:attempt_result", pk=attempt.uuid)
    questions = _public_questions(attempt)
    if request.method == "POST":
        answers = {
            str(index): quiz_response(question, public, request.POST, f"q{index}")
            for index, (question, public) in enumerate(questions)
        }
        services.submit_attempt(attempt=attempt, answers=answers)
        return redirect("training:attempt_result", pk=attempt.uuid)
    if request.method != "GET":
        return HttpResponseBadRequest()
    return TemplateResponse(
        request,
        "training/attempt.html",
        {
            "attempt": attempt,
            "module": attempt.module,
            "questions": [
                {"name": f"q{index}", "view": public}
                for index, (_question, public) in enumerate(questions)
            ],
            "can_extend": attempt.deadline is not None
            and attempt.extensions < services.MAX_EXTENSIONS,
        },
    )


@login_required
@require_POST
def attempt_extend(request, pk):
    attempt = _own_attempt(request, pk)
    try:
        services.extend_attempt(attempt=attempt)
        messages.success(request, _("You have more time."))
    except services.TrainingError as error:
        messages.error(request, str(error))
    return redirect("training:attempt", pk=attempt.uuid)


@login_required
@require_GET
def attempt_result(request, pk):
    attempt = _own_attempt(request, pk)
    if attempt.submitted_at is None:
        return redirect("training:attempt", pk=attempt.uuid)
    review = []
    for index, (question, public) in enumerate(_public_questions(attempt)):
        response = attempt.answers.get(str(index))
        review.append(
            {
                "question": public,
                "response": response,
                "score": quiz.score(question, response),
                "feedback": quiz.feedback_for(question, response),
            }
        )
    return TemplateResponse(
        request,
        "training/attempt_result.html",
        {"attempt": attempt, "module": attempt.module, "review": review},
    )


# SCORM -------------------------------------------------------------------------------


def _package(request, slug: str) -> ScormPackage:
    _member(request, Action.TAKE_TRAINING)
    return get_object_or_404(ScormPackage.objects.select_related("module"), module=_module(slug))


@login_required
@require_GET
def scorm_player(request, slug: str):
    package = _package(request, slug)
    state = services.scorm_state(user=request.user, package=package)
    return TemplateResponse(
        request,
        "training/scorm_player.html",
        {
            "module": package.module,
            "package": package,
            "launch_values": scorm_runtime.launch_values(state.state),
            "launch_url": reverse(
                "training:scorm_file", kwargs={"slug": package.module.slug, "path": package.launch}
            ),
        },
    )


@login_required
@require_POST
def scorm_commit(request, slug: str):
    package = _package(request, slug)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return _refused_commit(_("The data is not a JSON object."))
    try:
        services.scorm_commit(
            user=request.user, package=package, values=body, finishing=body.get("finish") is True
        )
    except scorm_runtime.RuntimeDataError as error:
        return _refused_commit(str(error))
    # scorm-again reads SCORM's own answer: the strings "true" / "false" and an error code.
    return JsonResponse({"result": "true", "errorCode": 0})


def _refused_commit(message: str) -> JsonResponse:
    return JsonResponse({"result": "false", "errorCode": 405, "error": message}, status=400)


# A package's pages run in the player's frame, with their own scripts and styles (often
# inline): partners' content, uploaded by their trainers only.
PACKAGE_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}


@login_required
@require_GET
@xframe_options_sameorigin
@csp_replace(PACKAGE_POLICY)
def scorm_file(request, slug: str, path: str):
    """A file of the package, from the site's own origin (the package finds the run-time
    API in its parent window), to members only."""
    package = _package(request, slug)
    clean = posixpath.normpath(path)
    if clean.startswith(("../", "/")) or clean in {"..", "."}:
        raise Http404
    storage = services.private_storage()
    name = f"{package.prefix}/{clean}"
    try:
        if not storage.exists(name):
            raise Http404
        handle = storage.open(name)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Follow-up -----------------------------------------------------------------------------


@login_required
@require_GET
def follow_up(request):
    profile = _member(request, Action.FOLLOW_TRAINING)
    results = selectors.module_results(selectors.modules_spoken_for(profile))
    if wants_csv(request):
        return csv_response(
            "resultats-modules.csv",
            ["code", "module", "apprenants", "termines", "score_moyen", "tentatives", "reussies"],
            [
                (
                    r.module.code,
                    r.module.title,
                    r.learners,
                    r.completed,
                    None if r.average_best_score is None else round(r.average_best_score, 1),
                    r.attempts,
                    r.passed_attempts,
                )
                for r in results
            ],
        )
    learners = selectors.learners_followed(profile)
    return TemplateResponse(
        request,
        "training/follow_up.html",
        {"results": results, "has_learners": learners.exists(), "profile": profile},
    )


@login_required
@require_GET
def module_learners(request, slug: str):
    module = _module(slug)
    _member(request, Action.VIEW_MODULE_RESULTS, module.partner)
    rows = selectors.learners_of_module(module)
    if wants_csv(request):
        return csv_response(
            f"resultats-{module.slug}.csv",
            ["nom", "prenom", "france_services", "statut", "meilleur_score", "tentatives"],
            [
                (
                    row.user.last_name,
                    row.user.first_name,
                    _maison_of(row.user),
                    row.get_status_display(),
                    row.best_score,
                    row.attempt_count,
                )
                for row in rows
            ],
        )
    page = Paginator(rows, selectors.FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "training/module_learners.html", {"module": module, "page_obj": page}
    )


def _maison_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.maison.title if profile is not None and profile.maison else ""


@login_required
@require_GET
def learners(request):
    profile = _member(request, Action.FOLLOW_TRAINING)
    learners = selectors.LearnerFilter(
        request.GET or None, queryset=selectors.learners_followed(profile)
    )
    plan = selectors.current_plan()
    if wants_csv(request):
        return csv_response(
            "progression-agents.csv",
            [
                "nom",
                "prenom",
                "france_services",
                "obligatoires_termines",
                "obligatoires",
                "en_cours",
            ],
            [
                (
                    r.profile.user.last_name,
                    r.profile.user.first_name,
                    r.profile.maison.title,
                    r.mandatory_done,
                    r.mandatory_total,
                    r.in_progress,
                )
                for r in selectors.learner_rows(learners.qs, plan)
            ],
        )
    page = Paginator(learners.qs, selectors.FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "training/learners.html",
        {"filter": learners, "page_obj": page, "rows": selectors.learner_rows(page, plan)},
    )


@login_required
@require_GET
def learner_detail(request, pk: int):
    learner = get_object_or_404(
        AgentProfile.objects.select_related("user", "maison"), pk=pk, user__is_active=True
    )
    _member(request, Action.VIEW_LEARNER_PROGRESS, learner)
    _plan, entries = selectors.current_plan_entries(learner.user, learner)
    return TemplateResponse(
        request,
        "training/learner_detail.html",
        {
            "learner": learner,
            "progress": selectors.PlanProgress(entries),
            "groups": selectors.by_track(entries),
            "completions": selectors.completions_of(learner.user),
        },
    )

"""Training data for tests: modules under their partner's folder, lessons, question banks
written in GIFT, a plan."""

import json

import factory
import wagtail_factories

from training import services
from training.formats import gift
from training.models import (
    LessonPage,
    ModulePage,
    PlanEntry,
    Question,
    Track,
    TrainingPlanPage,
)

# Three questions of each kind the quizzes know, right answer first where it matters.
SINGLE = (
    "::Délai:: Dans quel délai la maison répond-elle ? "
    "{=72 heures#Oui. ~24 heures#Non. ~Une semaine}"
)
MULTIPLE = (
    "::Pièces:: Quelles pièces pour un passeport ? "
    "{~%50%Photo d'identité ~%50%Timbre fiscal ~%-100%Carte vitale}"
)
TRUE_FALSE = "::Vrai:: La carte grise se demande en ligne. {T}"
SHORT = "::Sigle:: Quel organisme verse le RSA ? {=CAF =caisse d'allocations familiales}"
NUMERICAL = "::Heures:: Combien d'heures d'ouverture par semaine au minimum ? {#24:0}"
MATCHING = (
    "::Sites:: Associez. "
    "{=Impôts -> impots.gouv.fr =Retraite -> info-retraite.fr =Santé -> ameli.fr}"
)
BANK = [SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERICAL, MATCHING]


class ModulePageFactory(wagtail_factories.PageFactory):
    """A module of ``partner`` (None: the national cell), in its folder."""

    class Meta:
        model = ModulePage

    class Params:
        owner = None

    parent = factory.LazyAttribute(lambda module: services.folder_for(module.owner))
    title = factory.Sequence(lambda n: f"Module d’essai {n}")
    slug = factory.Sequence(lambda n: f"module-dessai-{n}")
    code = factory.Sequence(lambda n: f"MOD-{n}")
    summary = "Un module pour apprendre."
    objectives = "Savoir accueillir\nSavoir orienter"
    duration_minutes = 60
    format = "elearning"
    version = "2026.1"
    questions_drawn = 0
    max_attempts = 3


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leçon {n}")
    slug = factory.Sequence(lambda n: f"lecon-{n}")
    duration_minutes = 10
    body = json.dumps([{"type": "text", "value": "<p>Le contenu de la leçon.</p>"}])


def add_questions(module: ModulePage, *texts: str) -> list[Question]:
    questions = []
    for text in texts:
        (parsed,) = gift.parse(text)
        questions.append(Question.objects.create(module=module, gift=text, data=parsed.to_dict()))
    return questions


def module_with(*, lessons: int = 2, questions=(), **fields) -> ModulePage:
    """A live module with ``lessons`` lessons and a bank of ``questions`` (GIFT texts)."""
    module = ModulePageFactory(**fields)
    for _number in range(lessons):
        LessonPageFactory(parent=module)
    add_questions(module, *questions)
    return module


def plan_with(*modules, year: int = 2026, mandatory_for=("agent",), track=Track.CORE):
    """A live plan of ``modules``, each mandatory for ``mandatory_for``."""
    root = services.ensure_training_root()
    plan = root.add_child(
        instance=TrainingPlanPage(
            title=f"Plan national de formation {year}", slug=str(year), year=year
        )
    )
    for order, module in enumerate(modules):
        PlanEntry.objects.create(
            plan=plan,
            module=module,
            track=track,
            mandatory_for=list(mandatory_for),
            sort_order=order,
        )
    return plan

"""The demo's 2026 plan, as ``seed_demo`` builds it from ``portal/demo/content/training``."""

import pytest
from django.core.management import call_command

from portal.models import User
from training.models import (
    Completion,
    LessonPage,
    ModulePage,
    ModuleProgress,
    QuizAttempt,
    ScormPackage,
    TrainingPlanPage,
)

pytestmark = pytest.mark.django_db

NATIONAL_PARTNERS = {
    "caf", "assurance-maladie", "assurance-retraite", "msa", "france-travail", "dgfip",
    "la-poste", "ants", "justice",
}  # fmt: skip


def test_the_demo_plan_has_the_common_core_and_a_module_per_national_partner(demo_site):
    # arrange
    plan = TrainingPlanPage.objects.live().get(year=2026)
    modules = [entry.module for entry in plan.entries.select_related("module__partner")]
    # act
    lessons = {m.code: LessonPage.objects.child_of(m).live().count() for m in modules}
    banks = {m.code: m.questions.count() for m in modules}
    # assert
    assert {m.partner.slug for m in modules if m.partner} == NATIONAL_PARTNERS
    assert sum(1 for entry in plan.entries.all() if entry.track == "socle") == 5
    assert min(lessons.values()) >= 3 and min(banks.values()) >= 8
    assert all(module.live for module in modules)
    package = ScormPackage.objects.get()
    assert (package.module.partner.slug, package.launch) == ("msa", "index.html")


def test_the_demo_agents_are_at_different_stages(demo_site):
    # act
    call_command("seed_demo")
    # assert
    done = Completion.objects.filter(user__email="agent@france-services.example").count()
    started = User.objects.get(email="agent.puydedome@france-services.example")
    failed = QuizAttempt.objects.filter(
        passed=False, user__email="agent.nord@france-services.example"
    )
    assert done >= 6
    assert ModuleProgress.objects.filter(user=started, status="in_progress").exists()
    assert failed.exists()
    assert ModulePage.objects.filter(code="SOC-ACCUEIL").get().completions.exists()

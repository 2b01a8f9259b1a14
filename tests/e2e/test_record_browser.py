"""The training record in a real browser: axe-core on an agent's "mon parcours", with a
completion of each source, a deleted module's and an overdue refresher.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent@example.org"


def build_dataset() -> None:
    """An agent of the Hérault with three completions: a quiz (a refresher overdue), a SCORM
    package and a session whose module was deleted since."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member
    from tests.training.factories import module_with
    from training.models import Completion

    user = make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150")).user
    done = [
        (module_with(title="Accueillir les usagers", lessons=0), "quiz", date(2020, 1, 1)),
        (module_with(title="La MSA", format="scorm", lessons=0), "scorm", None),
        (module_with(title="Les aides de la CAF", lessons=0), "session", None),
    ]
    for module, source, valid_until in done:
        Completion.objects.create(
            user=user,
            module=module,
            module_code=module.code,
            module_title=module.title,
            module_version=module.version,
            completed_at=datetime(2019, 3, 1, 10, 0, tzinfo=UTC),
            score=Decimal(90) if source != "session" else None,
            source=source,
            valid_until=valid_until,
        )
    done[2][0].delete()


def test_my_record_has_no_axe_violation(live_site, session):
    # arrange
    page = session.page
    log_in(session, AGENT)
    page.wait_for_url("**/espace-agents/")
    # act
    session.goto("/espace-agents/formation/mon-parcours/")
    # assert
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(3)
    assert_no_axe_violation(session)
    assert session.csp_violations == []

"""Four agents of one maison sending its first answer at the same instant leave one answer,
on SQLite and on PostgreSQL (``timeout 300 bash .ci/with-postgres.sh .venv/bin/python -m
pytest -q -p no:xdist tests/network/surveys/test_concurrency.py``), each thread on its own
connection (``tests.concurrency``)."""

import pytest

from network.models import AgentProfile
from network.surveys.models import SurveyAnswer, SurveyPage
from network.surveys.services import save_answer
from tests.concurrency import at_once, read_rows
from tests.network.conftest import make_member

AGENTS = 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_agents_of_one_maison_answering_at_once_leave_one_answer(
    skeleton_kept, members, survey, request
):
    # arrange
    maison = members.maison("34")
    profiles = [
        make_member(f"agent{n}@example.org", "agent", maison=maison).pk for n in range(AGENTS)
    ]
    path = request.getfixturevalue("database_for_threads")

    def answer(profile_pk: int) -> None:
        save_answer(
            SurveyPage.objects.get(pk=survey.pk),
            AgentProfile.objects.select_related("user").get(pk=profile_pk),
            {"commentaire": str(profile_pk)},
        )

    # act
    _, errors = at_once(path, answer, profiles)
    # assert
    assert errors == []
    rows = read_rows(
        path,
        f"SELECT maison_id FROM {SurveyAnswer._meta.db_table} WHERE page_id = %s",  # noqa: S608
        [survey.pk],
    )
    assert rows == [(maison.pk,)]

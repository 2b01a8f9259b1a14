"""A SCORM 1.2 package from the admin's upload to a member's completed module: stored
privately, served only to members from our origin, its run-time data kept on the server."""

import io
import json
import zipfile

import pytest

from portal.demo.loader import CONTENT
from tests.auth import login_with_second_factor
from tests.training.factories import module_with
from training import services
from training.models import Completion, ScormAttempt, ScormPackage
from training.scorm.package import build_zip

pytestmark = pytest.mark.django_db

DEMO_PACKAGE = CONTENT / "training" / "scorm" / "premiers-pas-msa"


@pytest.fixture
def package(members):
    module = module_with(lessons=0, format="scorm", slug="msa")
    return services.install_scorm_package(
        module=module, data=build_zip(DEMO_PACKAGE), user=members.national.user
    )


def test_the_national_cell_uploads_a_package_in_the_admin(members, client):
    # arrange
    module = module_with(lessons=0, format="scorm")
    login_with_second_factor(client, members.national.user)
    members.national.user.is_superuser = True
    members.national.user.save()
    upload = io.BytesIO(build_zip(DEMO_PACKAGE))
    upload.name = "msa.zip"
    # act
    response = client.post(f"/admin/training/modules/{module.pk}/scorm/", {"file": upload})
    # assert
    assert response.status_code == 302
    package = ScormPackage.objects.get(module=module)
    assert package.launch == "index.html"
    assert package.mastery_score == 80
    assert services.private_storage().exists(f"{package.prefix}/imsmanifest.xml")


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_bad_package_is_refused_with_its_reason_and_nothing_is_kept(members, client):
    # arrange
    module = module_with(lessons=0, format="scorm")
    members.national.user.is_superuser = True
    members.national.user.save()
    login_with_second_factor(client, members.national.user)
    evil = io.BytesIO(zip_of({"imsmanifest.xml": "<manifest/>", "../evil.html": "x"}))
    evil.name = "evil.zip"
    # act
    response = client.post(f"/admin/training/modules/{module.pk}/scorm/", {"file": evil})
    # assert
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "chemin relatif" in errors[0]
    assert not ScormPackage.objects.exists()
    assert services.private_storage().listdir("")[1] == []


def test_the_package_plays_for_members_only_from_our_origin(
    members, member_client, package, client
):
    # arrange
    url = f"/espace-agents/formation/modules/msa/scorm/contenu/{package.launch}"
    # act
    anonymous = client.get(url)
    member = member_client(members.agent)
    served = member.get(url)
    escape = member.get("/espace-agents/formation/modules/msa/scorm/contenu/../../settings.py")
    missing = member.get("/espace-agents/formation/modules/msa/scorm/contenu/absent.html")
    player = member.get("/espace-agents/formation/modules/msa/scorm/")
    # assert
    assert anonymous.status_code == 302  # to the login page
    assert served.status_code == 200 and served["Content-Type"].startswith("text/html")
    assert served["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content).startswith(b"<!DOCTYPE html>")
    assert escape.status_code == missing.status_code == 404
    assert player.status_code == 200
    assert "frame-ancestors 'none'" in player["Content-Security-Policy"]
    state = json.loads(
        player.content.decode()
        .split('id="scorm-state" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert state["core"]["entry"] == "ab-initio"


def commit(client, body):
    return client.post(
        "/espace-agents/formation/modules/msa/scorm/donnees/",
        json.dumps(body),
        content_type="application/json",
    )


def test_the_run_time_data_is_kept_and_a_passed_package_completes_the_module(
    members, member_client, package
):
    # arrange
    client = member_client(members.agent)
    # act
    first = commit(
        client,
        {
            "cmi": {
                "core": {
                    "lesson_status": "incomplete",
                    "lesson_location": "page-2",
                    "exit": "suspend",
                    "session_time": "00:05:00",
                },
                "suspend_data": "q1=b",
            }
        },
    )
    resumed = client.get("/espace-agents/formation/modules/msa/scorm/")
    finished = commit(
        client,
        {
            "cmi": {
                "core": {
                    "lesson_status": "passed",
                    "score": {"raw": "100", "min": "0", "max": "100"},
                    "exit": "",
                    "session_time": "00:10:00",
                }
            },
            "finish": True,
        },
    )
    # assert
    assert first.json() == {"result": "true", "errorCode": 0}
    assert '"entry": "resume"' in resumed.content.decode()
    assert finished.status_code == 200
    state = ScormAttempt.objects.get(user=members.agent.user).state
    assert state["cmi.suspend_data"] == "q1=b"
    completion = Completion.objects.get(user=members.agent.user)
    assert (completion.source, completion.score) == ("scorm", 100)


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", json.dumps({"cmi": {"core": {"lesson_status": "won"}}}).encode()],
)
def test_bad_run_time_data_is_refused_and_changes_nothing(members, member_client, package, body):
    client = member_client(members.agent)
    response = client.post(
        "/espace-agents/formation/modules/msa/scorm/donnees/",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["result"] == "false"
    assert not Completion.objects.exists()

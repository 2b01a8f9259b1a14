"""The public side of certifications: the verification page, the credential's files, the
issuers' keys (JWK Set, did:web) and profile."""

import base64
import json
import uuid
from datetime import UTC, datetime

import jsonschema
import pytest
import time_machine
import wagtail_factories
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import pgettext

from training.certifications import keys, services, status_list
from training.certifications.credentials import OB_CONTEXT, VC_CONTEXT, sign_document
from training.certifications.jose import unverified_header
from training.certifications.selectors import State, verify

from .conftest import verify_with_published_keys

pytestmark = pytest.mark.django_db

SCHEMA = settings.BASE_DIR / "tests/training/certifications/data"


@pytest.fixture
def credential(members, definition):
    return services.issue(definition=definition, user=members.agent.user, reason="Test")


LABELS = {
    "valid": ("Valid", "fr-alert--success"),
    "expired": ("Expired", "fr-alert--warning"),
    "revoked": ("Revoked", "fr-alert--warning"),
    "suspended": ("Suspended", "fr-alert--warning"),
    "unverifiable": ("Cannot be verified", "fr-alert--error"),
}


def state_of(response) -> str:
    """The state the page shows, once checked that its words and colour say the same."""
    alert = BeautifulSoup(response.content, "html.parser").select_one("[data-state]")
    state = alert["data-state"]
    label, css_class = LABELS[state]
    with translation.override("en" if "/en/" in response.request["PATH_INFO"] else "fr"):
        expected = pgettext("certification", label)
    assert alert.select_one("[data-label]").get_text(strip=True) == expected
    assert css_class in alert["class"]
    return state


def test_the_jwt_verifies_with_an_independent_library_and_the_published_keys_only(
    client, credential
):
    # act
    response = client.get(f"/certifications/{credential.pk}/credential.jwt")

    # assert
    assert response["Content-Type"] == "application/vc+jwt"
    claims = verify_with_published_keys(
        client, response.content.decode(), "caisse-dessai-des-formateurs"
    )
    assert claims["id"] == f"urn:uuid:{credential.pk}"
    assert claims["iss"] == claims["issuer"]["id"] == keys.did(credential.partner)
    assert claims["nbf"] == int(credential.valid_from.timestamp())
    assert claims["exp"] == int(credential.valid_until.timestamp())
    header = unverified_header(credential.jwt)
    assert header == {"alg": "EdDSA", "kid": header["kid"], "typ": "vc+jwt"}
    assert header["kid"].startswith(keys.did(credential.partner) + "#")


def schema_errors(document: dict) -> list[str]:
    schema = json.loads((SCHEMA / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = jsonschema.Draft201909Validator(schema)
    return ["/".join(map(str, error.absolute_path)) for error in validator.iter_errors(document)]


@pytest.mark.parametrize("change", [None, "revoke", "suspend"])
def test_the_credential_json_follows_the_open_badges_schema(client, credential, change):
    # arrange
    if change:
        getattr(services, change)(credential, by=None, reason="Contrôle")

    # act
    document = client.get(f"/certifications/{credential.pk}/credential.json").json()

    # assert
    assert document == credential.document
    assert schema_errors(document) == []
    claims = verify_with_published_keys(client, credential.jwt, credential.partner.slug)
    assert schema_errors(claims) == []
    status = document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "message"
    assert (status["statusListIndex"], status["statusSize"]) == (str(credential.status_index), 2)
    assert document["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["criteria"]["narrative"] == credential.definition.criteria
    assert client.get(achievement["id"].removeprefix(settings.PUBLIC_BASE_URL)).json()["name"] == (
        credential.definition.title
    )


def test_the_schema_test_catches_a_missing_achievement(credential):
    # arrange: a credential without its subject's achievement is no Open Badge
    document = json.loads(json.dumps(credential.document))
    del document["credentialSubject"]["achievement"]

    # act / assert
    assert "credentialSubject" in schema_errors(document)


def test_the_schema_test_catches_two_status_entries(credential):
    # arrange: the OB 3.0 schema allows a single credentialStatus object
    document = json.loads(json.dumps(credential.document))
    document["credentialStatus"] = [document["credentialStatus"]] * 2

    # act / assert
    assert schema_errors(document) == ["credentialStatus"]


def test_the_verification_page_shows_what_was_certified_and_nothing_else_of_the_person(
    client, credential
):
    # act
    response = client.get(f"/certifications/{credential.pk}/")

    # assert
    assert response.status_code == 200
    assert state_of(response) == "valid"
    content = response.content.decode()
    assert credential.holder_name in content
    assert credential.definition.title in content
    assert credential.partner.name in content
    assert credential.user.email not in content
    assert "Gignac" not in content  # the holder's maison
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert 'src="data:image/svg+xml' in content  # the QR code


def test_the_counter_display(client, credential):
    response = client.get(f"/certifications/{credential.pk}/?affichage=guichet")
    assert "fr-display--lg" in response.content.decode()
    assert state_of(response) == "valid"


@pytest.mark.parametrize(("change", "state"), [("revoke", "revoked"), ("suspend", "suspended")])
def test_the_page_shows_a_revoked_or_suspended_credential_as_such(
    client, credential, change, state
):
    # arrange
    getattr(services, change)(credential, by=None, reason="Contrôle")

    # act
    response = client.get(f"/certifications/{credential.pk}/")

    # assert
    assert state_of(response) == state


def test_an_undefined_status_value_shows_cannot_be_verified(client, credential, monkeypatch):
    # arrange: the issuer's list holds 0x3, a value its credentials call "undefined"
    monkeypatch.setattr(status_list, "values", lambda partner: {credential.status_index: 3})

    # act
    response = client.get(f"/certifications/{credential.pk}/")

    # assert
    assert state_of(response) == "unverifiable"


def test_a_credential_with_entries_of_another_shape_cannot_be_verified(credential):
    # arrange: the former shape, two entries (revocation, suspension), signed all the same
    document = json.loads(json.dumps(credential.document))
    entry = document["credentialStatus"]
    document["credentialStatus"] = [
        {**entry, "statusPurpose": purpose} for purpose in ("revocation", "suspension")
    ]
    issuer_key, private_key = keys.signing_key(credential.partner)
    credential.jwt = sign_document(document, issuer_key, private_key)

    # act
    verification = verify(credential)

    # assert
    assert verification.state == State.UNVERIFIABLE
    assert verification.problem.startswith("incomplete credential")


def test_the_page_shows_an_expired_credential_as_such(client, credential):
    with time_machine.travel(credential.valid_until, tick=False):
        assert state_of(client.get(f"/certifications/{credential.pk}/")) == "expired"


def test_a_changed_byte_shows_cannot_be_verified(client, credential):
    # arrange
    header, payload, signature = credential.jwt.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=="))
    data["validUntil"] = "2099-01-01T00:00:00Z"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    credential.jwt = f"{header}.{forged}.{signature}"
    credential.save()

    # act
    response = client.get(f"/certifications/{credential.pk}/")

    # assert
    assert state_of(response) == "unverifiable"
    assert credential.definition.title not in response.content.decode()


def test_an_unknown_kid_shows_cannot_be_verified(client, credential, members):
    # arrange: the same credential signed by a key the issuer never published
    from joserfc.jwk import OKPKey

    from training.certifications.credentials import jwt_claims
    from training.certifications.jose import sign

    rogue = OKPKey.generate_key("Ed25519")
    kid = keys.did(credential.partner) + "#rogue"
    credential.jwt = sign(jwt_claims(credential.document), rogue, kid=kid, typ="vc+jwt")
    credential.save()

    # act / assert
    assert state_of(client.get(f"/certifications/{credential.pk}/")) == "unverifiable"


@pytest.mark.parametrize("suffix", ["", "credential.jwt", "credential.json"])
def test_forged_uuids_are_not_found(client, credential, suffix):
    assert client.get(f"/certifications/{uuid.uuid4()}/{suffix}").status_code == 404
    assert client.get(f"/certifications/pas-un-uuid/{suffix}").status_code == 404


def test_the_page_in_english(client, credential):
    response = client.get(f"/en/certifications/{credential.pk}/")
    assert response.status_code == 200
    assert state_of(response) == "valid"


def test_the_jwk_set_publishes_every_key_public_parts_only(client, partner):
    # arrange
    keys.make_key(partner, rotate=True)

    # act
    response = client.get(f"/certifications/emetteurs/{partner.slug}/jwks.json")

    # assert
    assert response.status_code == 200
    published = response.json()["keys"]
    assert len(published) == 2
    for key in published:
        assert set(key) == {"kty", "crv", "x", "kid", "alg", "use"}
    assert '"d"' not in response.content.decode()


def test_the_did_document_lists_every_key_for_assertions(client, partner):
    # arrange
    keys.make_key(partner, rotate=True)

    # act
    document = client.get(f"/certifications/emetteurs/{partner.slug}/did.json").json()

    # assert
    host = settings.PUBLIC_BASE_URL.split("//", 1)[1].replace(":", "%3A")
    assert document["id"] == f"did:web:{host}:certifications:emetteurs:{partner.slug}"
    methods = document["verificationMethod"]
    assert len(methods) == 2
    assert document["assertionMethod"] == [method["id"] for method in methods]
    assert all("d" not in method["publicKeyJwk"] for method in methods)
    assert all(method["controller"] == document["id"] for method in methods)


def test_the_issuer_profile(client, partner):
    profile = client.get(f"/certifications/emetteurs/{partner.slug}/").json()
    assert profile["type"] == ["Profile"]
    assert profile["name"] == partner.name
    assert profile["id"] == keys.did(partner)


@pytest.mark.parametrize("path", ["", "jwks.json", "did.json", "statut/", "statut.json"])
def test_unknown_issuers_and_partners_without_a_key_are_not_found(client, members, path):
    # a partner exists but has no key yet
    slug = members.trainer.partner.slug
    assert client.get(f"/certifications/emetteurs/{slug}/{path}").status_code == 404
    assert client.get(f"/certifications/emetteurs/inconnu/{path}").status_code == 404


def test_the_former_status_lists_and_unknown_achievements_are_not_found(client, partner):
    issuer = f"/certifications/emetteurs/{partner.slug}"
    for former in ("revocation", "suspension", "revocation.json", "suspension.json"):
        assert client.get(f"{issuer}/statut/{former}", follow=True).status_code == 404
    assert client.get(f"/certifications/emetteurs/{partner.slug}/inconnue/").status_code == 404


@pytest.mark.parametrize(
    ("name", "url"),
    [("credentials-v2.json", VC_CONTEXT), ("ob-v3p0-3.0.3.json", OB_CONTEXT)],
)
def test_the_json_ld_contexts_are_served_from_the_site(client, name, url):
    # act
    response = client.get(f"/certifications/contexts/{name}")

    # assert
    assert response.status_code == 200
    context = response.json()["@context"]
    if url == VC_CONTEXT:
        assert context["VerifiableCredential"]["@id"] == (
            "https://www.w3.org/2018/credentials#VerifiableCredential"
        )
    else:
        assert "OpenBadgeCredential" in context
    assert client.get("/certifications/contexts/autre.json").status_code == 404


def test_the_page_shows_the_signed_dates_not_the_databases(client, credential):
    # arrange: the row changed behind the signature's back
    with translation.override("fr"):
        signed = date_format(timezone.localtime(credential.valid_until), "DATE_FORMAT")
    credential.valid_until = datetime(2099, 1, 1, tzinfo=UTC)
    credential.save()

    # act
    content = client.get(f"/certifications/{credential.pk}/").content.decode()

    # assert
    assert signed in content
    assert "2099" not in content


def test_the_badge_image_is_an_absolute_url(members, definition, settings, tmp_path, client):
    # arrange
    settings.MEDIA_ROOT = tmp_path
    definition.image = wagtail_factories.ImageFactory(title="Badge")
    definition.save()

    # act
    credential = services.issue(definition=definition, user=members.agent.user, reason="T")

    # assert
    image = credential.document["credentialSubject"]["achievement"]["image"]
    assert image["type"] == "Image"
    assert image["id"] == settings.PUBLIC_BASE_URL + definition.image.file.url
    assert schema_errors(credential.document) == []

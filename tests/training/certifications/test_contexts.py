"""The credential against the vendored JSON-LD contexts: every property and type it uses is
a term they define (a misspelt property would silently drop out of the linked data)."""

import pytest

from training.certifications import services
from training.certifications.contexts import document_loader
from training.certifications.credentials import OB_CONTEXT, VC_CONTEXT

pytestmark = pytest.mark.django_db


def terms(context) -> set[str]:
    """Every term a context defines, scoped contexts included."""
    found = set()
    if isinstance(context, dict):
        for key, value in context.items():
            if not key.startswith("@"):
                found.add(key)
            found |= terms(value)
    elif isinstance(context, list):
        for item in context:
            found |= terms(item)
    return found


def used(document) -> set[str]:
    """Every property and type a document uses."""
    found = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "@context":
                continue
            found.add(key)
            if key == "type":
                found |= {value} if isinstance(value, str) else set(value)
            else:
                found |= used(value)
    elif isinstance(document, list):
        for item in document:
            found |= used(item)
    return found


def test_every_term_of_the_credential_is_defined_by_its_contexts(members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="T")
    defined = set()
    for url in credential.document["@context"]:
        defined |= terms(document_loader(url)["document"]["@context"])

    # act
    undefined = used(credential.document) - defined

    # assert
    assert undefined == set()
    assert used({**credential.document, "validUntill": "x"}) - defined == {"validUntill"}


def test_the_loader_never_fetches():
    assert document_loader(VC_CONTEXT)["documentUrl"] == VC_CONTEXT
    assert "OpenBadgeCredential" in terms(document_loader(OB_CONTEXT)["document"])
    with pytest.raises(LookupError):
        document_loader("https://example.org/context.json")

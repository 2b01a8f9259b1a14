"""Reads of certifications: whether a member meets a definition's criteria, and the
verification of a credential as any verifier would do it (published key, status list,
dates)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.utils import timezone

from training.models import Completion

from . import jose, keys, links, status_list
from .credentials import STATUS_PURPOSE
from .models import CertificationDefinition, Credential, CredentialStatus, IssuerKey


def criteria_met(definition: CertificationDefinition, user, *, now=None) -> bool:
    """Every criterion of ``definition`` met by a valid completion of ``user``: of its
    module, with the minimum score when one is set, at a session when required. A
    definition without criteria is never met (it is issued by hand)."""
    today = timezone.localdate(now or timezone.now())
    criteria = list(definition.module_criteria.all())
    if not criteria:
        return False
    for criterion in criteria:
        completions = Completion.objects.filter(user=user, module_id=criterion.module_id).exclude(
            valid_until__lt=today
        )
        if criterion.min_score is not None:
            completions = completions.filter(score__gte=criterion.min_score)
        if criterion.at_session:
            completions = completions.filter(source="session")
        if not completions.exists():
            return False
    return True


def holds(definition: CertificationDefinition, user, *, now=None) -> bool:
    """Whether ``user`` holds an active credential of ``definition`` not yet expired."""
    now = now or timezone.now()
    return (
        Credential.objects.filter(definition=definition, user=user, status=CredentialStatus.ACTIVE)
        .exclude(valid_until__lte=now)
        .exists()
    )


class State(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class Verification:
    state: State
    credential: Credential
    claims: dict | None = None  # the signed credential, when its signature holds
    problem: str = ""  # why it cannot be verified (for logs and tests, not shown)

    @property
    def valid(self) -> bool:
        return self.state == State.VALID

    @property
    def valid_from(self) -> datetime | None:
        """When the signed credential says it starts (None: not verified)."""
        return datetime.fromisoformat(self.claims["validFrom"]) if self.claims else None

    @property
    def valid_until(self) -> datetime | None:
        """When the signed credential says it ends (None: never, or not verified)."""
        if not self.claims or "validUntil" not in self.claims:
            return None
        return datetime.fromisoformat(self.claims["validUntil"])


def _published_key(credential: Credential, kid: str) -> IssuerKey | None:
    """The issuer's published key named by ``kid`` (a DID URL ``<did>#<kid>``)."""
    _did, _hash, short = kid.partition("#")
    issuer_key = (
        IssuerKey.objects.filter(partner_id=credential.partner_id, kid=short)
        .select_related("partner")
        .first()
    )
    if issuer_key is None or keys.key_id(issuer_key) != kid:
        return None
    return issuer_key


def _status_message(credential: Credential, entry: dict) -> str:
    """The message, among those ``entry`` commits to, of the value at its index in the
    issuer's published status list (the specification's validation algorithm)."""
    if entry["type"] != "BitstringStatusListEntry" or entry["statusPurpose"] != STATUS_PURPOSE:
        raise ValueError("not a status entry of purpose message")
    if entry["statusListCredential"] != links.status_list_url(credential.partner):
        raise ValueError("status list of another issuer")
    subject = status_list.document(credential.partner)["credentialSubject"]
    size = int(entry["statusSize"])
    if subject["statusPurpose"] != entry["statusPurpose"] or subject["statusSize"] != size:
        raise ValueError("status list of another purpose or size")
    value = status_list.value_at(
        status_list.decode(subject["encodedList"]), int(entry["statusListIndex"]), size=size
    )
    messages = {item["status"]: item["message"] for item in entry["statusMessage"]}
    if len(messages) != 1 << size:
        raise ValueError("a status message per value is required")
    return messages[hex(value)]


def verify(credential: Credential, *, now: datetime | None = None) -> Verification:
    """Check ``credential`` as a verifier does: the JWT's signature against the issuer's
    published key named by its ``kid``, then its status in the issuer's status list, then
    its dates. Revoked or suspended wins over expired."""
    now = now or timezone.now()

    def unverifiable(problem: str) -> Verification:
        return Verification(State.UNVERIFIABLE, credential, problem=problem)

    try:
        header = jose.unverified_header(credential.jwt)
    except jose.BadSignature as error:
        return unverifiable(f"malformed token: {error}")
    issuer_key = _published_key(credential, str(header.get("kid", "")))
    if issuer_key is None:
        return unverifiable("unknown key")
    try:
        claims = jose.verify(credential.jwt, keys.published_jwk(issuer_key))
    except jose.BadSignature as error:
        return unverifiable(f"bad signature: {error}")
    if claims.get("id") != f"urn:uuid:{credential.pk}":
        return unverifiable("the token is another credential's")
    try:
        message = _status_message(credential, claims["credentialStatus"])
        valid_from = datetime.fromisoformat(claims["validFrom"])
        valid_until = (
            datetime.fromisoformat(claims["validUntil"]) if "validUntil" in claims else None
        )
    except (KeyError, TypeError, ValueError) as error:
        return unverifiable(f"incomplete credential: {error!r}")
    if message == "revoked":
        state = State.REVOKED
    elif message == "suspended":
        state = State.SUSPENDED
    elif message != "valid":
        return unverifiable(f"status {message!r}")
    elif valid_from > now:
        return unverifiable("not valid yet")
    elif valid_until is not None and valid_until <= now:
        state = State.EXPIRED
    else:
        state = State.VALID
    return Verification(state, credential, claims=claims)

"""The certifications of the demo (``content/certifications/``): one definition per national
partner with its badge (drawn here with Pillow), each partner's signing key; then, in
development, credentials among the demo agents, issued by hand through the core's
``issue()``: valid, expiring, expired, revoked and suspended ones."""

import io
from datetime import timedelta

import yaml
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from directory.models import Partner
from portal.models import User
from training.certifications import keys, services
from training.certifications.models import (
    CertificationCriterion,
    CertificationDefinition,
    Credential,
    IssuerKey,
)
from training.models import ModulePage

from ..loader import CONTENT

BADGE_SIZE = 256


def _rows(name: str) -> list[dict]:
    with (CONTENT / "certifications" / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def badge_png(text: str, colour: str) -> bytes:
    """A round badge of ``colour`` with ``text`` in white in its middle."""
    scale = 4  # drawn larger, then reduced: smooth edges
    size = BADGE_SIZE * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=colour)
    draw.ellipse((size // 14,) * 2 + (size - size // 14,) * 2, outline="white", width=size // 40)
    font = ImageFont.load_default(size=size // (3 if len(text) <= 4 else 4))
    draw.text((size / 2, size / 2), text, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.resize((BADGE_SIZE, BADGE_SIZE), Image.LANCZOS).save(buffer, format="PNG")
    return buffer.getvalue()


def _badge(row: dict):
    title = f"Badge {row['title']}"
    existing = get_image_model().objects.filter(title=title).first()
    if existing is not None:
        return existing
    payload = badge_png(row["badge"], row["colour"])
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(payload), name=f"badge-{row['code']}.png")
    )


def build(log) -> None:
    """The definitions, their criteria and badges, and a signing key per partner."""
    rows = _rows("definitions.yaml")
    for row in rows:
        partner = Partner.objects.get(locale__language_code="fr", slug=row["partner"])
        if not IssuerKey.objects.filter(partner=partner, retired_at=None).exists():
            keys.make_key(partner)
        if CertificationDefinition.objects.filter(code=row["code"]).exists():
            continue
        definition = CertificationDefinition.objects.create(
            partner=partner,
            code=row["code"],
            title=row["title"],
            description=row["description"],
            criteria=row["criteria"],
            manual_assessment=row.get("manual_assessment", False),
            validity_months=row.get("validity_months"),
            image=_badge(row),
            refresher_module=ModulePage.objects.filter(code=row.get("refresher")).first(),
        )
        for criterion in row["modules"]:
            CertificationCriterion.objects.create(
                definition=definition,
                module=ModulePage.objects.get(code=criterion["module"]),
                min_score=criterion.get("min_score"),
                at_session=criterion.get("at_session", False),
            )
    log(f"Certifications: {len(rows)} definitions, their badges and issuers' keys")


def build_credentials(log) -> None:
    """The demo agents' credentials, issued ``days_ago`` days back."""
    rows = _rows("credentials.yaml")
    now = timezone.now().replace(microsecond=0)
    for row in rows:
        user = User.objects.get(email=row["email"])
        definition = CertificationDefinition.objects.get(code=row["definition"])
        if Credential.objects.filter(
            user=user, definition=definition, reason=row["reason"]
        ).exists():
            continue
        issuer = User.objects.get(email=row["issued_by"])
        credential = services.issue(
            definition=definition,
            user=user,
            issued_by=issuer,
            reason=row["reason"],
            now=now - timedelta(row["days_ago"]),
        )
        change = {"revoked": services.revoke, "suspended": services.suspend}.get(row.get("state"))
        if change is not None:
            change(credential, by=issuer, reason=row["state_reason"])
    log(f"Certifications: {len(rows)} credentials of the demo agents")

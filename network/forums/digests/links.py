"""The digest's absolute links, on ``PUBLIC_BASE_URL``, and its signed unsubscribe token:
the token alone is the authority to stop a member's digest, with no login."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from portal.public_urls import public_url

SALT = "network.forums.digests.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_of_token(token: str):
    """The active member ``token`` was made for; None when it is forged or altered."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def unsubscribe_url(user) -> str:
    return public_url(reverse("forums:digest_unsubscribe", args=[unsubscribe_token(user)]))


def preferences_url() -> str:
    return public_url(reverse("forums:digest_preferences"))


def forums_url() -> str:
    return public_url(reverse("forums:index"))

"""How logins are told apart: e-mail addresses compared lower-cased, as they are stored."""


def login_username(request, credentials) -> str:
    """The e-mail address a login attempt was for (django-axes counts failures by it)."""
    credentials = credentials or {}
    email = credentials.get("username") or request.POST.get("username", "")
    return email.strip().lower()

"""The member's digest frequency (``/espace-agents/forums/digest/``) and the one-click
unsubscribe page the digest links to, which needs no login."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network.permissions import profile_of

from . import links, services
from .models import DigestFrequency, DigestPreference


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often do you want the digest of what you follow?"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """The member's own frequency: the form acts on nobody but the member asking."""
    if profile_of(request.user) is None:
        raise Http404
    current = (
        DigestPreference.objects.filter(user=request.user)
        .values_list("frequency", flat=True)
        .first()
    ) or DigestFrequency.WEEKLY
    form = FrequencyForm(request.POST or None, initial={"frequency": current})
    if request.method == "POST" and form.is_valid():
        services.set_frequency(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your digest preference has been saved."))
        return redirect("forums:digest_preferences")
    return TemplateResponse(
        request,
        "network/forums/digests/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# Exempt from CSRF: mail clients unsubscribe with one POST carrying no cookie (RFC 8058),
# and the signed token in the address, not a session, is what allows it; the token only
# ever stops its own member's digest.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET asks for a click (link scanners follow links, never buttons); POST stops the
    digest. The page names nobody and shows nothing of the forums."""
    user = links.user_of_token(token)
    if user is None:
        return TemplateResponse(
            request, "network/forums/digests/unsubscribe.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        services.unsubscribe(user=user)
        return TemplateResponse(request, "network/forums/digests/unsubscribe.html", {"done": True})
    return TemplateResponse(request, "network/forums/digests/unsubscribe.html", {})

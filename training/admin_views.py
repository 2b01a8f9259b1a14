"""The admin's two training tools, on a module page: importing a question bank and
uploading a SCORM package. Open to those who may edit the module (Wagtail's page
permissions) and speak for its partner (the permission module)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from network.permissions import Action, can

from . import services
from .forms import QuestionBankForm, ScormPackageForm
from .models import ModulePage


def _editable_module(request, page_id: int) -> ModulePage:
    module = get_object_or_404(ModulePage, pk=page_id)
    may_edit = module.permissions_for_user(request.user).can_edit()
    speaks_for = request.user.is_superuser or can(
        request.user, Action.MANAGE_MODULES, module.partner
    )
    if not (may_edit and speaks_for):
        raise PermissionDenied
    return module


def import_questions(request, page_id: int):
    module = _editable_module(request, page_id)
    form = QuestionBankForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_question_bank(
                module=module, data=upload.read(), filename=upload.name, user=request.user
            )
        except services.TrainingError as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                _("%(count)s questions added to a draft of the module: review it, then publish.")
                % {"count": result.added},
            )
            return redirect("wagtailadmin_pages:edit", module.pk)
    return TemplateResponse(
        request,
        "training/admin/upload.html",
        {"module": module, "form": form, "title": _("Import questions")},
    )


def upload_scorm(request, page_id: int):
    module = _editable_module(request, page_id)
    form = ScormPackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            package = services.install_scorm_package(
                module=module, data=form.cleaned_data["file"].read(), user=request.user
            )
        except services.TrainingError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Package “%s” installed.") % package.title)
            return redirect("wagtailadmin_pages:edit", module.pk)
    return TemplateResponse(
        request,
        "training/admin/upload.html",
        {"module": module, "form": form, "title": _("SCORM package")},
    )

"""Reads of the référents directory: the back offices a member sees (the same answer as
``rules.sees``, as one query), their référents, and how their opening days read."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Department, Partner
from network.models import Role
from network.permissions import profile_of

from ..models import BackOffice, Motive, Referent
from .rules import territory_of


def back_offices_visible_to(user) -> QuerySet[BackOffice]:
    """The back offices ``user`` may see (``Action.VIEW_BACK_OFFICE``), partner and
    territory joined; none for a visitor or a former member."""
    profile = profile_of(user)
    offices = BackOffice.objects.select_related("partner", "department__region", "region")
    if profile is None:
        return offices.none()
    if profile.role == Role.NATIONAL_CELL:
        return offices
    if profile.role == Role.PARTNER_TRAINER:
        return offices.filter(partner_id=profile.partner_id)
    department_id, region_id = territory_of(profile)
    if region_id is None:
        return offices.none()
    if department_id is not None:
        return offices.filter(Q(department_id=department_id) | Q(region_id=region_id))
    return offices.filter(Q(department__region_id=region_id) | Q(region_id=region_id))


def with_referents(offices: QuerySet[BackOffice]) -> QuerySet[BackOffice]:
    """``offices`` with their référents, each with their member and deputy, prefetched."""
    return offices.prefetch_related(
        Prefetch(
            "referents",
            queryset=Referent.objects.select_related("user", "deputy__user"),
        )
    )


class DirectoryFilter(forms.Form):
    """The directory's filters, for those who see many back offices."""

    partner = forms.ModelChoiceField(
        label=gettext_lazy("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=gettext_lazy("All partners"),
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"),
        queryset=Department.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All departments"),
    )

    def __init__(self, *args, offices: QuerySet[BackOffice], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            pk__in=offices.values("partner_id")
        ).order_by("name")

    def apply(self, offices: QuerySet[BackOffice]) -> QuerySet[BackOffice]:
        """``offices`` of the partner chosen, serving the department chosen (its own back
        office or its region's)."""
        if not self.is_valid():
            return offices
        partner = self.cleaned_data.get("partner")
        department = self.cleaned_data.get("department")
        if partner is not None:
            offices = offices.filter(partner=partner)
        if department is not None:
            offices = offices.filter(Q(department=department) | Q(region_id=department.region_id))
        return offices


@dataclass(frozen=True)
class PartnerGroup:
    partner: Partner
    back_offices: list[BackOffice]


def grouped_by_partner(offices) -> list[PartnerGroup]:
    """``offices`` grouped by partner, partners by name, each one's by name."""
    groups: dict[int, PartnerGroup] = {}
    for office in sorted(offices, key=lambda o: (o.partner.name, o.name, o.pk)):
        groups.setdefault(office.partner_id, PartnerGroup(office.partner, [])).back_offices.append(
            office
        )
    return list(groups.values())


def territory_label(office: BackOffice) -> str:
    if office.department_id is not None:
        return f"{office.department.name} ({office.department.code})"
    return office.region.name


def opening_days_label(days: str) -> str:
    """``"01234"`` as "from Monday to Friday"; other days as their list ("Monday, Wednesday
    and Friday")."""
    numbers = sorted({int(day) for day in days if day.isdigit() and int(day) in WEEKDAYS})
    if not numbers:
        return _("no day")
    names = [str(WEEKDAYS[number]) for number in numbers]
    consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
    if len(numbers) >= 3 and consecutive:
        return _("from %(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return str(get_text_list(names, _("and")))


def referent_status(referent: Referent, today: date) -> str:
    """What the directory says of a référent away ``today`` (empty when present)."""
    if not referent.is_away(today):
        return ""
    until = date_format(referent.away_until, "j F")
    if referent.deputy is not None:
        return _("away until %(date)s, deputy: %(name)s") % {
            "date": until,
            "name": str(referent.deputy),
        }
    return _("away until %(date)s") % {"date": until}


def motives_of(partner: Partner) -> QuerySet[Motive]:
    return Motive.objects.filter(partner=partner).order_by("order", "label", "pk")

"""A maison's information as structured data, by section: read from its page, compared
with a proposal (before/after, for the coordinator), and written back to a page.

Each section's value is JSON: the contact and the services are {field: value}; the hours,
closures, permanences and stops are lists of rows, sorted so that two equal lists compare
equal. Times are "HH:MM", dates ISO, a partner its id.
"""

from dataclasses import dataclass
from datetime import date, time

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import (
    Closure,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)

CONTACT_FIELDS = ("phone", "email", "website", "booking", "booking_url")
SERVICES_FIELDS = (
    "has_digital_space",
    "has_printer",
    "has_visio",
    "access",
    "accessibility_notes",
)
RECURRENCE_FIELDS = ("frequency", "weekday", "reference_date", "nth", "dates", "starts", "ends")
ROW_FIELDS = {
    "hours": ("weekday", "opens", "closes"),
    "closures": ("start_date", "end_date", "reason"),
    "permanences": ("partner", "mode", *RECURRENCE_FIELDS, "notes"),
    "stops": ("place", "commune_name", *RECURRENCE_FIELDS),
}
ROW_MODELS = {
    "hours": OpeningInterval,
    "closures": Closure,
    "permanences": PartnerPresence,
    "stops": ItineraryStop,
}
# The page's child relation of each list section.
RELATIONS = {
    "hours": "opening_intervals",
    "closures": "closures",
    "permanences": "presences",
    "stops": "stops",
}
SECTIONS = {
    "contact": gettext_lazy("Contact"),
    "services": gettext_lazy("Services, equipment and accessibility"),
    "hours": gettext_lazy("Weekly opening hours"),
    "closures": gettext_lazy("Exceptional closures"),
    "permanences": gettext_lazy("Partners’ permanences"),
    "stops": gettext_lazy("Itinerary stops"),
}
FIELD_SECTIONS = {"contact": CONTACT_FIELDS, "services": SERVICES_FIELDS}


def to_json(value):
    """A form's or a model's value as stored in a proposal."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Partner):
        return value.pk
    return value


def _row_key(row: dict) -> tuple:
    return tuple("" if value is None else str(value) for value in row.values())


def sorted_rows(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=_row_key)


def current_state(maison: MaisonPage) -> dict:
    """Every section of ``maison`` as it is published (four queries: its child rows)."""
    state = {
        section: {name: to_json(getattr(maison, name)) for name in names}
        for section, names in FIELD_SECTIONS.items()
    }
    for section, relation in RELATIONS.items():
        names = ROW_FIELDS[section]
        state[section] = sorted_rows(
            [
                {name: to_json(_row_value(row, name)) for name in names}
                for row in getattr(maison, relation).all()
            ]
        )
    return state


def _row_value(row, name: str):
    return row.partner_id if name == "partner" else getattr(row, name)


def changed_sections(current: dict, proposed: dict) -> dict:
    """{section: proposed value} of the sections that differ from ``current``."""
    proposed = {
        section: sorted_rows(value) if isinstance(value, list) else value
        for section, value in proposed.items()
    }
    return {section: value for section, value in proposed.items() if value != current.get(section)}


@dataclass(frozen=True)
class SectionDiff:
    """One section's before/after: for field sections a row per field changed (label,
    before, after), for list sections the rows as sentences, before and after."""

    key: str
    title: str
    fields: list[tuple[str, str, str]]
    before: list[str]
    after: list[str]


def diff(current: dict, proposal: dict) -> list[SectionDiff]:
    """The sections of ``proposal``, in the order of ``SECTIONS``, against ``current``."""
    partners = _partner_names(current, proposal)
    diffs = []
    for section, title in SECTIONS.items():
        if section not in proposal:
            continue
        if section in FIELD_SECTIONS:
            rows = [
                (
                    str(MaisonPage._meta.get_field(name).verbose_name),
                    _display(name, current[section].get(name)),
                    _display(name, proposal[section].get(name)),
                )
                for name in FIELD_SECTIONS[section]
                if name in proposal[section]
                and current[section].get(name) != proposal[section][name]
            ]
            diffs.append(SectionDiff(section, str(title), rows, [], []))
        else:
            diffs.append(
                SectionDiff(
                    section,
                    str(title),
                    [],
                    [describe(section, row, partners) for row in current[section]],
                    [describe(section, row, partners) for row in proposal[section]],
                )
            )
    return diffs


def _partner_names(*states: dict) -> dict[int, str]:
    ids = {row["partner"] for state in states for row in state.get("permanences", [])}
    return dict(Partner.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _display(name: str, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "access":
        return str(MaisonPage.Access(value or "").label)
    return value or "—"


def build_row(section: str, row: dict):
    """An unsaved row of the page's child model from a proposal's row."""
    values = {
        ("partner_id" if name == "partner" else name): value
        for name, value in row.items()
        if name in ROW_FIELDS[section]
    }
    for name in ("opens", "closes", "starts", "ends"):
        if values.get(name):
            values[name] = time.fromisoformat(values[name])
    for name in ("start_date", "end_date", "reference_date"):
        if values.get(name):
            values[name] = date.fromisoformat(values[name])
    return ROW_MODELS[section](**values)


def describe(section: str, row: dict, partners: dict[int, str]) -> str:
    """One row as a sentence ("Monday 09:00–12:00")."""
    instance = build_row(section, row)
    if section == "hours":
        return str(instance)
    if section == "closures":
        dates = _("%(start)s to %(end)s") % {
            "start": date_format(instance.start_date, "SHORT_DATE_FORMAT"),
            "end": date_format(instance.end_date, "SHORT_DATE_FORMAT"),
        }
        return f"{dates} ({instance.reason})" if instance.reason else dates
    when = _recurrence(instance)
    if section == "permanences":
        who = partners.get(row["partner"], "?")
        text = _labelled(f"{who} ({instance.get_mode_display()})", when)
        return f"{text} – {instance.notes}" if instance.notes else text
    return _labelled(f"{instance.place}, {instance.commune_name}", when)


def _labelled(label, value) -> str:
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def _recurrence(row) -> str:
    times = f"{row.starts:%H:%M}–{row.ends:%H:%M}"
    if row.frequency == row.Frequency.DATES:
        return f"{row.dates.replace(chr(10), ', ')} {times}"
    pieces = [str(row.get_frequency_display())]
    if row.frequency == row.Frequency.MONTHLY_NTH and row.nth is not None:
        pieces.append(str(row.get_nth_display()))
    if row.weekday is not None:
        pieces.append(str(row.get_weekday_display()).lower())
    return f"{' '.join(pieces)} {times}"


def apply(page: MaisonPage, proposal: dict) -> None:
    """Write ``proposal`` on ``page`` in memory (saved by a revision). A stop keeps the
    coordinates and INSEE code it had at the same place of the same commune."""
    for section, names in FIELD_SECTIONS.items():
        for name in names:
            if section in proposal and name in proposal[section]:
                setattr(page, name, proposal[section][name])
    known_stops = {(stop.place, stop.commune_name): stop for stop in page.stops.all()}
    for section, relation in RELATIONS.items():
        if section not in proposal:
            continue
        rows = [build_row(section, row) for row in proposal[section]]
        if section == "stops":
            for order, stop in enumerate(rows):
                stop.sort_order = order
                known = known_stops.get((stop.place, stop.commune_name))
                if known is not None:
                    stop.latitude, stop.longitude = known.latitude, known.longitude
                    stop.insee_commune = known.insee_commune
        setattr(page, relation, rows)


def summary(state: dict) -> list[tuple[str, list[str]]]:
    """Every section of ``state`` as (title, lines), to read the information at a glance."""
    partners = _partner_names(state)
    sections = []
    for section, title in SECTIONS.items():
        if section in FIELD_SECTIONS:
            lines = [
                _labelled(
                    MaisonPage._meta.get_field(name).verbose_name,
                    _display(name, state[section].get(name)),
                )
                for name in FIELD_SECTIONS[section]
            ]
        else:
            lines = [describe(section, row, partners) for row in state[section]]
        sections.append((str(title), lines))
    return sections

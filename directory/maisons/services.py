"""Writes for the maisons: the ``/maisons/`` index and the France Services import."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import time

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from directory.importers import ImportSummary, MaisonRecord, RowResult, describe
from directory.maisons.hours import HoursParseError, parse_official_day
from directory.maisons.models import DirectoryIndexPage, MaisonPage, OpeningInterval
from directory.territories.models import Department
from directory.territories.services import ensure_geography
from portal.models import home_page

DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Fields the import owns: editors' additions (partners, stops, closures…) are kept.
IMPORTED_FIELDS = (
    "title",
    "kind",
    "format",
    "group",
    "address",
    "address_complement",
    "postcode",
    "insee_commune",
    "commune_name",
    "department_id",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "booking",
    "labelled_on",
    "remarks",
    "hours_problems",
)


@transaction.atomic
def ensure_directory_index() -> DirectoryIndexPage:
    """The ``/maisons/`` page of the default language, created if absent.

    It goes under the default language's home page, or, on a freshly migrated database
    without one, under the default site's root page (Wagtail's welcome page).
    """
    locale = Locale.get_default()
    index = DirectoryIndexPage.objects.filter(locale=locale).first()
    if index is not None:
        return index
    parent = home_page(locale) or Page.objects.filter(depth=2).first()
    if parent is None:
        raise RuntimeError("The page tree has no root page for the site: run migrate first.")
    index = parent.specific.add_child(
        instance=DirectoryIndexPage(
            title="Trouver une France Services",
            slug="maisons",
            intro="Les France Services près de chez vous, leurs horaires et leurs partenaires.",
            locale=parent.locale,
        )
    )
    index.save_revision().publish()
    return index


def _parse_hours(raw_hours: dict[int, str]) -> tuple[list[tuple[int, time, time]], list[str]]:
    intervals, problems = [], []
    for weekday, text in sorted(raw_hours.items()):
        try:
            intervals.extend(
                (weekday, opens, closes) for opens, closes in parse_official_day(text)
            )
        except HoursParseError as error:
            problems.append(f"{DAY_NAMES[weekday]} « {text} » : {error}")
    return intervals, problems


def _desired_state(record: MaisonRecord, departments: dict[str, Department]) -> tuple[dict, list]:
    intervals, problems = _parse_hours(record.raw_hours)
    department = departments.get(record.department_code)
    fields = {
        "title": record.name,
        "kind": record.kind,
        "format": record.format,
        "group": record.group,
        "address": record.address,
        "address_complement": record.address_complement,
        "postcode": record.postcode,
        "insee_commune": record.insee_commune,
        "commune_name": record.commune_name,
        "department_id": department.pk if department else None,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "phone": record.phone,
        "email": record.email,
        "website": record.website,
        "booking": record.booking,
        "labelled_on": record.labelled_on,
        "remarks": record.remarks,
        "hours_problems": "\n".join(problems),
    }
    return fields, intervals


def _current_state(page: MaisonPage) -> tuple[dict, list]:
    fields = {name: getattr(page, name) for name in IMPORTED_FIELDS}
    intervals = [(row.weekday, row.opens, row.closes) for row in page.opening_intervals.all()]
    return fields, sorted(intervals)


class _SlugAllocator:
    def __init__(self, index: DirectoryIndexPage):
        self.taken = set(Page.objects.child_of(index).values_list("slug", flat=True))

    def __call__(self, name: str, source_id: str) -> str:
        slug = slugify(name)[:200] or f"france-services-{source_id}"
        if slug in self.taken:
            slug = f"{slug[:190]}-{slugify(source_id)}"
        self.taken.add(slug)
        return slug


@contextmanager
def _bulk_indexing(model: type[Page]) -> Iterator[list[Page]]:
    """Index pages once at the end instead of at each of their saves.

    Saving a page updates the search index and the reference index, twice per page
    (creation, then publication). For an import of thousands of pages, the per-save
    updates are switched off in this process and the pages collected in the yielded list
    are indexed in bulk on exit.
    """
    touched: list[Page] = []
    disconnected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield touched
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
    if touched:
        fresh = list(model.objects.filter(pk__in=[page.pk for page in touched]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, fresh)
        for page in fresh:
            if page.principal_id:
                ReferenceIndex.create_or_update_for_object(page)


def import_maisons(
    results: Iterable[RowResult],
    *,
    unpublish_missing: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> ImportSummary:
    """Create, update or leave alone one MaisonPage per good row, keyed on ``source_id``.

    Each row is written in its own savepoint: a row that fails is reported and skipped,
    the others land. A row whose imported fields and hours are unchanged gets no revision.
    A maison whose row was rejected stays as it is, even with ``unpublish_missing``.
    """
    summary = ImportSummary()
    departments = ensure_geography()
    index = ensure_directory_index()
    existing = {
        page.source_id: page
        for page in MaisonPage.objects.child_of(index)
        .exclude(source_id="")
        .prefetch_related("opening_intervals")
    }
    first_row: dict[str, int] = {}
    kept_back: set[str] = set()
    records: list[tuple[int, MaisonRecord]] = []
    for result in results:
        for issue in result.issues:
            summary.issues.append(describe(issue))
        if result.record is None:
            summary.rejected += 1
            kept_back.add(result.source_id)
        elif result.record.source_id in first_row:
            summary.rejected += 1
            summary.issues.append(
                f"ligne {result.row} : id_fs {result.record.source_id} en double "
                f"(déjà ligne {first_row[result.record.source_id]}), ligne ignorée"
            )
        else:
            first_row[result.record.source_id] = result.row
            records.append((result.row, result.record))

    # Main sites first, so that antennas find the main site of their group.
    records.sort(key=lambda item: item[1].kind != MaisonPage.Kind.PRINCIPAL)
    with _bulk_indexing(MaisonPage) as touched:
        _write_records(records, existing, departments, index, summary, touched)
    if unpublish_missing:
        for source_id, page in existing.items():
            if source_id not in first_row and source_id not in kept_back and page.live:
                page.unpublish(log_action=False)
                summary.unpublished += 1
    log(f"{len(records)} rows read, {len(summary.issues)} issues")
    return summary


def _write_records(records, existing, departments, index, summary, touched) -> None:
    allocate_slug = _SlugAllocator(index)
    principal_of_group: dict[str, int] = {}
    for row, record in records:
        fields, intervals = _desired_state(record, departments)
        if fields["hours_problems"]:
            summary.issues.append(
                f"ligne {row} : horaires illisibles ({fields['hours_problems']})"
            )
        if record.kind == MaisonPage.Kind.ANTENNA:
            fields["principal_id"] = principal_of_group.get(record.group) if record.group else None
        try:
            with transaction.atomic():
                outcome, page = _upsert(
                    existing.get(record.source_id), record, fields, intervals, index, allocate_slug
                )
        except (DatabaseError, ValidationError, ValueError) as error:
            summary.rejected += 1
            summary.issues.append(f"ligne {row} : non importée ({error})")
            continue
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if outcome != "unchanged":
            touched.append(page)
        if record.kind == MaisonPage.Kind.PRINCIPAL and record.group:
            principal_of_group.setdefault(record.group, page.pk)


def _upsert(page, record, fields, intervals, index, allocate_slug) -> tuple[str, MaisonPage]:
    if page is not None:
        current_fields, current_intervals = _current_state(page)
        wanted = {name: fields.get(name, current_fields.get(name)) for name in current_fields}
        principal_unchanged = fields.get("principal_id", page.principal_id) == page.principal_id
        if (
            wanted == current_fields
            and sorted(intervals) == current_intervals
            and principal_unchanged
        ):
            return "unchanged", page
        for name, value in fields.items():
            setattr(page, name, value)
        page.opening_intervals = [
            OpeningInterval(weekday=w, opens=o, closes=c) for w, o, c in intervals
        ]
        page.last_published_at = timezone.now()
        page.save(clean=False)
        _publish_saved_page(page)
        return "updated", page
    now = timezone.now()
    page = MaisonPage(
        slug=allocate_slug(record.name, record.source_id),
        source_id=record.source_id,
        locale_id=index.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    page.opening_intervals = [
        OpeningInterval(weekday=w, opens=o, closes=c) for w, o, c in intervals
    ]
    index.add_child(instance=page)
    _publish_saved_page(page)
    return "created", page


def _publish_saved_page(page: MaisonPage) -> None:
    """Record the live state of ``page`` as a new revision and make it the live one.

    What Wagtail's publish action does, minus reloading the page from the revision it
    has just written (the import's hot path): the page is already saved live.
    """
    revision = page.save_revision(clean=False, changed=False, log_action=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision = revision
    page_published.send(sender=MaisonPage, instance=page, revision=revision)

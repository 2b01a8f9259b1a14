"""Writes for the reference geography: regions, departments and the communes table."""

from collections.abc import Iterable, Iterator

from django.db import transaction

from directory.importers import CommuneRecord, ImportSummary, RowIssue, describe
from directory.territories import geography
from directory.territories.models import Commune, CommunePostcode, Department, Region


@transaction.atomic
def ensure_geography() -> dict[str, Department]:
    """All regions and departments (and the overseas collectivities, listed as such),
    created or renamed to match the reference data."""
    regions = {}
    for reference in (*geography.REGIONS, geography.OVERSEAS_COLLECTIVITIES_REGION):
        region, _ = Region.objects.update_or_create(
            code=reference.code, defaults={"name": reference.name}
        )
        regions[reference.code] = region
    departments = {}
    for reference in geography.TERRITORIES:
        department, _ = Department.objects.update_or_create(
            code=reference.code,
            defaults={
                "name": reference.name,
                "region": regions[reference.region_code],
                "timezone": reference.timezone,
            },
        )
        departments[reference.code] = department
    return departments


def reference_commune_records() -> Iterator[CommuneRecord]:
    """The communes the commune file lacks (``geography.REFERENCE_COMMUNES``: Paris, Lyon
    and Marseille as whole cities, the overseas collectivities' communes), as records of
    the file; after the file's rows, the file's own values come first."""
    for commune in geography.REFERENCE_COMMUNES:
        department = geography.department(commune.department_code)
        for postcode in commune.postcodes or ("",):
            yield CommuneRecord(
                insee=commune.insee,
                name=commune.name,
                name_with_article=commune.name,
                postcode=postcode,
                department_code=department.code,
                region_code=department.region_code,
                kind="COM",
                parent_insee="",
                latitude=commune.latitude,
                longitude=commune.longitude,
                population=commune.population,
            )


@transaction.atomic
def import_communes(items: Iterable[CommuneRecord | RowIssue]) -> ImportSummary:
    """Upsert communes keyed on (INSEE code, kind), with all their postcodes."""
    summary = ImportSummary()
    departments = {department.code: department for department in ensure_geography().values()}
    grouped: dict[tuple[str, str], list[CommuneRecord]] = {}
    for item in items:
        if isinstance(item, RowIssue):
            summary.issues.append(describe(item))
            if item.fatal:
                summary.rejected += 1
            continue
        grouped.setdefault((item.insee, item.kind), []).append(item)

    existing = {(c.insee, c.kind): c for c in Commune.objects.all()}
    postcodes: dict[int, set[str]] = {}
    for commune_id, postcode in CommunePostcode.objects.values_list("commune_id", "postcode"):
        postcodes.setdefault(commune_id, set()).add(postcode)

    to_create, to_update, new_postcodes = [], [], []
    for key, rows in grouped.items():
        first = rows[0]
        search_name = geography.place_key(first.name)
        values = {
            "name": first.name,
            "name_with_article": first.name_with_article,
            "search_name": search_name,
            "reversed_search_name": search_name[::-1],
            "department": departments.get(first.department_code),
            "parent_insee": first.parent_insee,
            "latitude": first.latitude,
            "longitude": first.longitude,
            "population": first.population,
        }
        wanted_postcodes = {row.postcode for row in rows if row.postcode}
        commune = existing.get(key)
        if commune is None:
            commune = Commune(insee=first.insee, kind=first.kind, **values)
            to_create.append((commune, wanted_postcodes))
            summary.created += 1
            continue
        changed = any(getattr(commune, name) != value for name, value in values.items())
        missing = wanted_postcodes - postcodes.get(commune.pk, set())
        if changed:
            for name, value in values.items():
                setattr(commune, name, value)
            to_update.append(commune)
        new_postcodes += [CommunePostcode(commune=commune, postcode=p) for p in missing]
        if changed or missing:
            summary.updated += 1
        else:
            summary.unchanged += 1
    Commune.objects.bulk_create([commune for commune, _ in to_create], batch_size=1000)
    for commune, wanted_postcodes in to_create:
        new_postcodes += [CommunePostcode(commune=commune, postcode=p) for p in wanted_postcodes]
    CommunePostcode.objects.bulk_create(new_postcodes, batch_size=2000)
    if to_update:
        Commune.objects.bulk_update(
            to_update,
            [
                "name",
                "name_with_article",
                "search_name",
                "reversed_search_name",
                "department",
                "parent_insee",
                "latitude",
                "longitude",
                "population",
            ],
            batch_size=1000,
        )
    return summary

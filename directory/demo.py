"""Demo content for the directory: partners and about thirty maisons, through the same
import service as the official list, then permanences, a bus tour, a closure, the guides
and the partner pages."""

import json
import zlib
from datetime import time

from django.db import transaction
from wagtail.models import Locale, Page

from directory import demo_communes, demo_data, demo_guides_seed
from directory.importers import CommuneRecord, MaisonRecord, RowResult
from directory.maisons.models import Closure, ItineraryStop, MaisonPage, PartnerPresence
from directory.maisons.services import import_maisons
from directory.partners.models import Partner, PartnerIndexPage
from directory.territories import geography
from directory.territories.services import import_communes
from home import factories
from home.models import HomePage


def _record(row: tuple, *, kind: str = "principal", format: str = "fixe", group: str = ""):
    source_id, name, insee, commune, postcode, department, lat, lon, address, hours = row
    return MaisonRecord(
        source_id=source_id,
        name=name,
        kind=kind,
        format=format,
        group=group,
        address=address,
        insee_commune=insee,
        postcode=postcode,
        commune_name=commune,
        department_code=department,
        latitude=lat,
        longitude=lon,
        phone=_phone(source_id),
        email=f"{source_id}@france-services.example",
        raw_hours=dict(enumerate(demo_data.HOURS[hours])),
        booking=hours in {"city", "with_saturday"},
        itinerant=format == "bus",
    )


def _phone(source_id: str) -> str:
    """A made-up but well-formed number, the same at every run."""
    digits = f"{zlib.crc32(source_id.encode()):08d}"[-8:]
    return "04 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


@transaction.atomic
def ensure_partners() -> dict[str, Partner]:
    locale = Locale.get_default()
    partners = {}
    for national, rows in ((True, demo_data.NATIONAL_PARTNERS), (False, demo_data.LOCAL_PARTNERS)):
        for slug, name, short_name, website in rows:
            partner, _ = Partner.objects.get_or_create(
                slug=slug,
                locale=locale,
                defaults={
                    "name": name,
                    "short_name": short_name,
                    "website": website,
                    "national": national,
                },
            )
            _describe(partner)
            partners[slug] = partner
    return partners


def _describe(partner: Partner) -> None:
    """Fill the description and online services of a partner that has none."""
    changed = []
    description = demo_data.PARTNER_DESCRIPTIONS.get(partner.slug)
    if description and not partner.description:
        partner.description = description
        changed.append("description")
    services = demo_data.PARTNER_ONLINE_SERVICES.get(partner.slug)
    if services and not partner.online_services:
        partner.online_services = json.dumps(
            [
                {"type": "service", "value": {"label": label, "page": None, "url": url}}
                for label, url in services
            ]
        )
        changed.append("online_services")
    if changed:
        partner.save(update_fields=changed)


def ensure_partner_index() -> PartnerIndexPage:
    """``/partenaires/`` under the default language's home page, and ``/en/partners/``."""
    home = Page.objects.type(HomePage).filter(locale=Locale.get_default()).first()
    if home is None:
        raise RuntimeError("No home page in the default language: seed the site first.")
    index = factories.ensure_child_page(
        home,
        PartnerIndexPage,
        slug="partenaires",
        title="Partenaires",
        intro=(
            "Les organismes qui vous aident dans les France Services : les partenaires "
            "nationaux, présents partout, et les partenaires locaux, qui y tiennent des "
            "permanences."
        ),
    )
    factories.ensure_translation(
        index,
        language_code="en",
        title="Partners",
        slug="partners",
        intro=(
            "The organisations that help you in the France Services: national partners, "
            "present everywhere, and local partners, who hold permanences there."
        ),
    )
    return index


@transaction.atomic
def _add_extras(partners: dict[str, Partner]) -> None:
    maisons = {
        page.source_id: page for page in MaisonPage.objects.filter(source_id__startswith="demo-")
    }
    changed: dict[str, MaisonPage] = {}
    bus = maisons[demo_data.BUS[0]]
    if not bus.stops.exists():
        bus.stops = [
            ItineraryStop(
                place=place,
                commune_name=commune,
                insee_commune=insee,
                latitude=lat,
                longitude=lon,
                weekday=weekday,
                frequency=frequency,
                reference_date=reference,
                starts=time.fromisoformat(starts),
                ends=time.fromisoformat(ends),
                sort_order=order,
            )
            for order, (
                place,
                commune,
                insee,
                lat,
                lon,
                weekday,
                frequency,
                reference,
                starts,
                ends,
            ) in enumerate(demo_data.BUS_STOPS)
        ]
        changed[bus.source_id] = bus
    for (
        source_id,
        slug,
        mode,
        frequency,
        weekday,
        nth,
        reference,
        starts,
        ends,
        notes,
    ) in demo_data.PRESENCES:
        maison = changed.get(source_id) or maisons[source_id]
        if source_id not in changed and maison.presences.exists():
            continue
        maison.presences.add(
            PartnerPresence(
                partner=partners[slug],
                mode=mode,
                frequency=frequency,
                weekday=weekday,
                nth=nth,
                reference_date=reference,
                starts=time.fromisoformat(starts),
                ends=time.fromisoformat(ends),
                notes=notes,
            )
        )
        changed[source_id] = maison
    for source_id, start, end, reason in demo_data.CLOSURES:
        maison = changed.get(source_id) or maisons[source_id]
        if source_id not in changed and maison.closures.exists():
            continue
        maison.closures.add(Closure(start_date=start, end_date=end, reason=reason))
        changed[source_id] = maison
    for maison in changed.values():
        maison.save_revision(log_action=False).publish(log_action=False)


def _commune_records():
    for (
        insee,
        name,
        official,
        department,
        postcodes,
        lat,
        lon,
        population,
    ) in demo_communes.COMMUNES:
        for postcode in postcodes:
            yield CommuneRecord(
                insee=insee,
                name=name,
                name_with_article=official,
                postcode=postcode,
                department_code=department,
                region_code=geography.department(department).region_code,
                kind="COM",
                parent_insee="",
                latitude=lat,
                longitude=lon,
                population=population,
            )


def seed(log) -> None:
    communes = import_communes(_commune_records())
    partners = ensure_partners()
    records = [_record(row) for row in demo_data.MAISONS]
    records.append(_record(demo_data.BUS, format="bus"))
    principal = next(r for r in records if r.source_id == "demo-34-07")
    principal.group = demo_data.ANTENNA_GROUP
    principal.format = "fixe_antennes"
    records.append(
        _record(
            demo_data.ANTENNA,
            kind="antenne",
            format="fixe_antennes",
            group=demo_data.ANTENNA_GROUP,
        )
    )
    summary = import_maisons(
        [
            RowResult(row=number, record=record, issues=[])
            for number, record in enumerate(records, 1)
        ]
    )
    _add_extras(partners)
    guides = demo_guides_seed.seed(partners)
    ensure_partner_index()
    log(
        f"Directory: communes {communes.line()}; {len(partners)} partners; "
        f"maisons {summary.line()}; {guides} procedure guides created."
    )

"""The demo site as data: reads the files of ``content/`` and builds the site through the
apps' own services and factories (the builders of ``portal.demo.builders``).

``content/`` holds YAML files (and one CSV table) an editor can read and diff:

- ``site.yaml``: the home page, the pages under it and their English translations, the
  main menus and the footer;
- ``directory/partners.yaml``, ``directory/maisons.yaml`` (with bus stops, permanences and
  closures), ``directory/communes.csv``, ``directory/guides.yaml`` (themes, audiences, the
  guides' order) and ``directory/guides/<slug>.yaml`` (one file per guide);
- ``translations/<language>/<slug>.po``: translations of guides, as wagtail-localize
  exports and imports them;
- ``search/synonyms.yaml`` (by language);
- ``network/groups.yaml``, ``network/news.yaml``, ``network/accounts.yaml``.
- ``maison_changes/changes.yaml``: the demo agents' changes to their maison.

Idempotent and deterministic: running ``seed`` again leaves the site as it is.
"""

import csv
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import polib
import yaml

CONTENT = Path(__file__).resolve().parent / "content"


class Partner(NamedTuple):
    slug: str
    name: str
    short_name: str
    website: str
    national: bool
    description: str = ""
    online_services: tuple[tuple[str, str], ...] = ()


class Commune(NamedTuple):
    insee: str
    name: str
    name_with_article: str
    department: str
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    population: int


class BusStop(NamedTuple):
    place: str
    commune_name: str
    insee_commune: str
    latitude: float
    longitude: float
    weekday: int
    frequency: str
    reference_date: date | None
    starts: str
    ends: str


class Presence(NamedTuple):
    maison: str
    partner: str
    mode: str
    frequency: str
    weekday: int
    nth: int | None
    reference_date: date | None
    starts: str
    ends: str
    notes: str


class Closure(NamedTuple):
    maison: str
    start_date: date
    end_date: date
    reason: str


@dataclass(frozen=True)
class Maison:
    """A maison as a row of the official list (``MaisonRecord``'s fields), with its bus
    stops when it is a tour."""

    record: dict[str, Any]
    hours: str
    stops: tuple[BusStop, ...] = ()


class GuideTranslation(NamedTuple):
    """A guide's translation into ``language``: a PO file as wagtail-localize exports it
    ("Download PO file") and imports it ("Upload PO file"), every entry translated."""

    slug: str  # the guide's, in the default language
    language: str
    po: polib.POFile


@dataclass(frozen=True)
class TrainingContent:
    directory: Path  # the GIFT files and SCORM packages the rows name are read from there
    plan: dict  # its ``modules``: code, track, mandatory_for, in the plan's order
    modules: tuple[dict, ...]  # each with its ``prerequisites`` (codes)
    progress: tuple[dict, ...]
    events: tuple[dict, ...]  # sessions and meetings, dates in days from today


@dataclass(frozen=True)
class DemoContent:
    site: dict
    partners: tuple[Partner, ...]
    partner_index: dict
    communes: tuple[Commune, ...]
    directory_index: dict
    hours: dict[str, list[str]]
    maisons: tuple[Maison, ...]
    presences: tuple[Presence, ...]
    closures: tuple[Closure, ...]
    guide_index: dict
    guide_themes: tuple[dict, ...]
    guide_audiences: tuple[dict, ...]
    guides: tuple[dict, ...]
    guide_translations: tuple[GuideTranslation, ...]
    synonyms: dict[str, tuple[tuple[str, ...], ...]]  # by language
    groups: tuple[dict, ...]
    news: tuple[dict, ...]
    accounts: dict
    training: TrainingContent

    @property
    def national_partners(self) -> tuple[Partner, ...]:
        return tuple(partner for partner in self.partners if partner.national)

    @property
    def local_partners(self) -> tuple[Partner, ...]:
        return tuple(partner for partner in self.partners if not partner.national)

    @property
    def bus_stops(self) -> tuple[BusStop, ...]:
        return tuple(stop for maison in self.maisons for stop in maison.stops)

    def group_name(self, key: str) -> str:
        return next(group["name"] for group in self.groups if group["key"] == key)


def _yaml(name: str) -> Any:
    with (CONTENT / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def admin_groups() -> tuple[dict, ...]:
    """The admin groups and their permissions (``network/groups.yaml``): the site's
    configuration, which the tests' skeleton builds too."""
    return tuple(_yaml("network/groups.yaml")["groups"])


def _partners(data: dict) -> list[Partner]:
    return [
        Partner(
            slug=row["slug"],
            name=row["name"],
            short_name=row["short_name"],
            website=row["website"],
            national=national,
            description=row.get("description", ""),
            online_services=tuple(
                (service["label"], service["url"]) for service in row.get("online_services", [])
            ),
        )
        for national, rows in ((True, data["national"]), (False, data["local"]))
        for row in rows
    ]


def _communes() -> list[Commune]:
    with (CONTENT / "directory" / "communes.csv").open(encoding="utf-8", newline="") as file:
        return [
            Commune(
                insee=row["insee"],
                name=row["name"],
                name_with_article=row["name_with_article"],
                department=row["department"],
                postcodes=tuple(row["postcodes"].split()),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"]),
            )
            for row in csv.DictReader(file)
        ]


def _maison(row: dict, hours: dict) -> Maison:
    record = dict(row)
    key = record.pop("hours")
    if key not in hours:
        raise ValueError(f"Maison {record['source_id']}: unknown hours “{key}”.")
    stops = tuple(BusStop(**stop) for stop in record.pop("stops", []))
    return Maison(record=record, hours=key, stops=stops)


def _guides(order: list[str]) -> list[dict]:
    folder = CONTENT / "directory" / "guides"
    files = {path.stem for path in folder.glob("*.yaml")}
    if files != set(order):
        raise ValueError(
            "directory/guides.yaml must list every file of directory/guides/ once: "
            f"unlisted {sorted(files - set(order))}, missing {sorted(set(order) - files)}."
        )
    guides = [_yaml(f"directory/guides/{slug}.yaml") for slug in order]
    for slug, guide in zip(order, guides, strict=True):
        if guide["slug"] != slug:
            raise ValueError(f"directory/guides/{slug}.yaml has the slug “{guide['slug']}”.")
    return guides


def guide_translations(
    slugs: list[str], folder: Path = CONTENT / "translations"
) -> list[GuideTranslation]:
    """The PO files of ``translations/<language>/``, each named after a guide and
    translating all its entries."""
    found = []
    for path in sorted(folder.glob("*/*.po")):
        name = path.relative_to(folder.parent)
        if path.stem not in slugs:
            raise ValueError(f"{name}: no guide has the slug “{path.stem}”.")
        po = polib.pofile(str(path))
        missing = [entry.msgctxt for entry in po if not entry.msgstr or entry.fuzzy]
        if missing:
            raise ValueError(f"{name}: untranslated or fuzzy entries {missing}.")
        found.append(GuideTranslation(path.stem, path.parent.name, po))
    return found


def checked_site(site: dict, theme_slugs: frozenset[str] = frozenset()) -> dict:
    """The site's pages, checked: the footer names pages by their key, the theme cards
    name procedure themes of ``guides.yaml``."""
    keys = {entry["key"] for entry in site["pages"] if "key" in entry}
    unknown = sorted(set(site["footer"].values()) - keys)
    if unknown:
        raise ValueError(f"site.yaml names pages that have no key there: {unknown}.")
    cards = [card for cards in site["home"].get("themes", {}).values() for card in cards]
    unknown = sorted({card["guide_theme"] for card in cards} - theme_slugs)
    if unknown:
        raise ValueError(f"site.yaml's theme cards name unknown procedure themes: {unknown}.")
    return site


# Pure (the committed demo files, never changed at run time): safe to keep in each process.
@functools.cache
def content() -> DemoContent:
    """Every demo file, read and checked once per process."""
    partners = _yaml("directory/partners.yaml")
    maisons = _yaml("directory/maisons.yaml")
    guides = _yaml("directory/guides.yaml")
    groups = admin_groups()
    return DemoContent(
        site=checked_site(
            _yaml("site.yaml"), frozenset(theme["slug"] for theme in guides["themes"])
        ),
        partners=tuple(_partners(partners)),
        partner_index=partners["index"],
        communes=tuple(_communes()),
        directory_index=maisons["index"],
        hours=maisons["hours"],
        maisons=tuple(_maison(row, maisons["hours"]) for row in maisons["maisons"]),
        presences=tuple(Presence(**row) for row in maisons["presences"]),
        closures=tuple(Closure(**row) for row in maisons["closures"]),
        guide_index=guides["index"],
        guide_themes=tuple(guides["themes"]),
        guide_audiences=tuple(guides["audiences"]),
        guides=tuple(_guides(guides["guides"])),
        guide_translations=tuple(guide_translations(guides["guides"])),
        synonyms={
            language: tuple(tuple(group) for group in groups)
            for language, groups in _yaml("search/synonyms.yaml")["synonyms"].items()
        },
        groups=tuple(groups),
        news=tuple(_yaml("network/news.yaml")["news"]),
        accounts=_yaml("network/accounts.yaml"),
        training=training_content(),
    )


TRACKS = frozenset({"socle", "partenaires", "recyclage"})


def training_content() -> TrainingContent:
    """The plan and its modules (``training/``), checked: each module's file, quiz and
    package exist; prerequisites come earlier in the plan; tracks and codes are known."""
    directory = CONTENT / "training"
    plan = _yaml("training/plan.yaml")
    modules, entries, codes = [], [], set()
    for entry in plan["modules"]:
        module = _yaml(f"training/{entry['file']}")
        code = module["code"]
        if code in codes or entry["track"] not in TRACKS:
            raise ValueError(f"{entry['file']}: duplicate code {code} or unknown track")
        unknown = set(entry["prerequisites"]) - codes
        if unknown:
            raise ValueError(f"{entry['file']}: prerequisites not listed before: {unknown}")
        for name in filter(None, (module["quiz"]["file"], module.get("scorm"))):
            if not (directory / name).exists():
                raise ValueError(f"{entry['file']}: {name} is missing")
        codes.add(code)
        modules.append({**module, "prerequisites": entry["prerequisites"]})
        entries.append({**entry, "code": code})
    return TrainingContent(
        directory=directory,
        plan={**plan, "modules": entries},
        modules=tuple(modules),
        progress=tuple(_yaml("training/progress.yaml")),
        events=tuple(_yaml("training/events.yaml")),
    )

"""Open-data exports: the official CSV layout (round trip through the import), GeoJSON,
data·inclusion structures, the open-data page and the downloads.

Each test builds the maisons it exports with the factories of ``tests/factories.py``, in
the Finistère (29), and states the values it reads. The exports hold every maison of the
site: the round trip, the counts and the downloads are about the whole file.
"""

import csv
import io
import json
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from data_inclusion.schema.v1 import Structure
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Revision

from directory.importers import CSV_COLUMNS
from directory.maisons import exports
from directory.models import Department, MaisonPage
from tests.factories import (
    ClosureFactory,
    MaisonPageFactory,
    PartnerPresenceFactory,
    add_stops,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "france-services"
CSV_2024 = DATA / "liste-fs-20240801.csv"
OPEN_DATA = "/maisons/donnees-ouvertes/"
LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
SOURCE = "https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/"
HEADER = ",".join(f'"{column}"' for column in (*CSV_COLUMNS, "site_web"))


# Monday to Friday 08:30–17:30, Saturday 09:00–12:00.
CITY_HOURS = [*[(weekday, "08:30", "17:30") for weekday in range(5)], (5, "09:00", "12:00")]
# Tuesday to Friday 09:00–12:30 and 14:00–17:30, Saturday 09:00–12:00; closed on Monday.
TUESDAY_TO_SATURDAY = [
    *[
        (weekday, opens, closes)
        for weekday in (1, 2, 3, 4)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ],
    (5, "09:00", "12:00"),
]
BUS_HOURS = [(weekday, "09:30", "16:30") for weekday in range(5)]
# A bus's tour: (place, commune, INSEE, latitude, longitude, weekday).
BUS_STOPS = [
    ("Place de l’Église d’essai", "Briec", "29020", 48.09644, -4.00109, 0),
    ("Parking de la Mairie d’essai", "Edern", "29048", 48.1133, -3.95825, 2),
    ("Place du Marché d’essai", "Landrévarzec", "29106", 48.0878, -4.07568, 4),
]
GROUP = "Cornouaille d’essai"


def finistere_maison(source_id: str, **fields) -> MaisonPage:
    """A maison of Quimper (unless told) with this open-data id."""
    fields = {
        "title": f"France Services d’essai {source_id}",
        "department": Department.objects.get(code="29"),
        "address": "12 rue de l’Essai",
        "postcode": "29000",
        "commune_name": "Quimper",
        "insee_commune": "29232",
        "latitude": 47.996,
        "longitude": -4.1024,
        "email": f"{source_id}@essai.example",
        "phone": "02 98 00 00 01",
        **fields,
    }
    return MaisonPageFactory(source_id=source_id, **fields)


def city_maison() -> MaisonPage:
    """``essai-29-01``: France Services de Quimper-Essai, open as ``CITY_HOURS`` says,
    appointments possible."""
    return finistere_maison(
        "essai-29-01",
        title="France Services de Quimper-Essai",
        slug="france-services-de-quimper-essai",
        hours=CITY_HOURS,
        booking=True,
    )


def main_site_and_antenna() -> tuple[MaisonPage, MaisonPage]:
    """``essai-29-07``, a main site with antennas, and its antenna ``essai-29-07a``."""
    principal = finistere_maison(
        "essai-29-07",
        format=MaisonPage.Format.FIXED_WITH_ANTENNAS,
        group=GROUP,
        hours=TUESDAY_TO_SATURDAY,
    )
    antenna = finistere_maison(
        "essai-29-07a",
        kind=MaisonPage.Kind.ANTENNA,
        principal=principal,
        group=GROUP,
        hours=[(2, "09:00", "12:00")],
    )
    return principal, antenna


def exported_maisons():
    return MaisonPage.objects.live().filter(locale=Locale.get_default())


def import_file(path) -> str:
    """Run the import command on ``path``; its summary line."""
    out = io.StringIO()
    call_command("import_france_services", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue().strip().splitlines()[-1]


def export_csv(tmp_path) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(exports.get_export("csv").content)
    return path


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode(), newline="")))


def data_inclusion_structure(row: dict) -> Structure:
    """``row`` read by the data·inclusion schema's own model (v1), its warnings as errors:
    every field of the schema, and no other."""
    assert set(row) == set(Structure.model_fields)
    return Structure.model_validate(row, context={"ignore_warnings": False})


# --- CSV -----------------------------------------------------------------------------------


def test_csv_has_the_official_columns_every_field_quoted():
    # arrange
    city_maison()
    finistere_maison("essai-29-02", hours=TUESDAY_TO_SATURDAY)
    finistere_maison("essai-29-bus", format=MaisonPage.Format.BUS, hours=BUS_HOURS)
    main_site_and_antenna()
    # act
    text = exports.get_export("csv").content.decode()
    # assert
    lines = text.split("\n")
    assert lines[0] == HEADER
    assert (
        '"essai-29-01","29","France Services de Quimper-Essai","12 rue de l’Essai","",'
        '"29232","29000","Quimper","47.996","-4.1024",'
        '"essai-29-01@essai.example","02 98 00 00 01",'
        + ",".join(['"08:30 - 17:30"'] * 5)
        + ',"09:00 - 12:00","Oui","","Principal","Fixe","","",""'
    ) in lines
    rows = {row["id_fs"]: row for row in csv_rows(text.encode())}
    assert len(rows) == exported_maisons().count()
    assert rows["essai-29-bus"]["format_fs"] == "Bus_équivalent"
    assert rows["essai-29-07"]["format_fs"] == "Fixe_antenne(s)"
    assert rows["essai-29-07a"]["type_fs"] == "Antenne"
    assert rows["essai-29-07a"]["groupe_fs"] == "Cornouaille d’essai"
    assert rows["essai-29-02"]["h_lundi"] == ""
    assert rows["essai-29-02"]["h_mardi"] == "09:00 - 12:30 / 14:00 - 17:30"


def test_csv_export_of_the_site_reimports_without_any_change(tmp_path):
    # arrange: maisons of each kind and format (a main site and its antenna, a bus with
    # its stops, one without hours), and what editors add beside the official fields
    city = city_maison()
    finistere_maison("essai-29-02", hours=TUESDAY_TO_SATURDAY)
    finistere_maison("essai-29-04", hours=[])
    bus = finistere_maison("essai-29-bus", format=MaisonPage.Format.BUS, hours=BUS_HOURS)
    add_stops(bus, BUS_STOPS)
    main_site_and_antenna()
    PartnerPresenceFactory(maison=city, weekday=1, starts=time(9), ends=time(12))
    ClosureFactory(
        maison=city,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fermeture de fin d’année",
    )
    path = export_csv(tmp_path)
    revisions = Revision.objects.count()
    # act
    summary = import_file(path)
    # assert
    count = exported_maisons().count()
    assert count == 6
    assert summary == f"created=0 updated=0 unchanged={count} rejected=0"
    assert Revision.objects.count() == revisions


def test_unreadable_hours_groups_and_remarks_survive_the_round_trip(tmp_path):
    # arrange: main site 920 comes after 910 in the file, so antennas are linked to it
    def row(source_id, kind, monday, remark="", website=""):
        cells = [
            source_id, "34", f"France services test {source_id}", "1 rue de la Paix", "",
            "34142", "34700", "Lodève", "43.73", "3.29", f"fs{source_id}@example.org",
            "04 67 00 00 00", monday, "09:00 - 12:00", "", "", "", "", "Non", remark, kind,
            "Multisites", "Groupe test", "Espace labellisé 15/03/2021", website,
        ]  # fmt: skip
        return ",".join(f'"{cell}"' for cell in cells)

    source = tmp_path / "source.csv"
    source.write_text(
        "\n".join(
            [
                HEADER,
                row("920", "Principal", "25:00 - 26:00", "Bus :\nlundi matin", "https://a.fr"),
                row("910", "Principal", "09:00 - 12:00 / 00:00 - 00:00"),
                row("930", "Antenne", "14:00 - 17:00"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert import_file(source) == "created=3 updated=0 unchanged=0 rejected=0"
    antenna = MaisonPage.objects.get(source_id="930")
    assert antenna.principal.source_id == "920"
    # act
    content = exports.get_export("csv").content
    summary = import_file(export_csv(tmp_path))
    # assert
    assert summary == f"created=0 updated=0 unchanged={exported_maisons().count()} rejected=0"
    rows = {row["id_fs"]: row for row in csv_rows(content)}
    assert rows["920"]["h_lundi"] == "25:00 - 26:00"
    assert rows["920"]["h_mardi"] == "09:00 - 12:00"
    assert rows["920"]["commentaire"] == "Bus :\nlundi matin"
    assert rows["920"]["site_web"] == "https://a.fr"
    assert rows["910"]["h_lundi"] == "09:00 - 12:00"
    assert rows["910"]["labellisation_fs"] == "Espace labellisé 15/03/2021"
    ids = [row["id_fs"] for row in csv_rows(content)]
    assert ids.index("920") < ids.index("910")


# --- GeoJSON -------------------------------------------------------------------------------


def test_geojson_has_one_point_per_maison_in_longitude_latitude_order():
    # arrange
    maison = city_maison()
    finistere_maison("essai-29-bus", format=MaisonPage.Format.BUS, hours=BUS_HOURS)
    finistere_maison("essai-29-03", latitude=None, longitude=None)
    # act
    document = json.loads(exports.get_export("geojson").content)
    # assert
    assert document["type"] == "FeatureCollection"
    features = {feature["properties"]["source_id"]: feature for feature in document["features"]}
    assert len(document["features"]) == len(features) == exported_maisons().count()
    feature = features["essai-29-01"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-4.1024, 47.996]}
    properties = feature["properties"]
    assert properties["id"] == maison.pk
    assert properties["name"] == "France Services de Quimper-Essai"
    assert properties["url"] == maison.get_full_url()
    assert re.match(r"https?://", properties["url"])
    assert properties["url"].endswith("/maisons/france-services-de-quimper-essai/")
    assert properties["opening_hours"] == maison.opening_hours_osm
    assert properties["opening_hours"] == "Mo-Fr 08:30-17:30; Sa 09:00-12:00; PH off"
    assert properties["department"] == "29"
    assert properties["insee_com"] == "29232"
    assert properties["booking"] is True
    assert properties["kind"] == "principal"
    assert features["essai-29-bus"]["properties"]["format"] == "bus"
    assert features["essai-29-03"]["geometry"] is None


# --- data·inclusion ------------------------------------------------------------------------


def test_the_update_date_is_the_day_in_paris():
    # arrange: 23:30 UTC on 24 November is 00:30 on the 25th in Paris
    maison = city_maison()
    published = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    MaisonPage.objects.filter(pk=maison.pk).update(last_published_at=published)
    # act
    structures = json.loads(exports.get_export("structures").content)
    # assert
    by_id = {structure["id"]: structure for structure in structures}
    assert by_id["reseau-france-services--essai-29-01"]["date_maj"] == "2026-11-25"


def test_structures_follow_the_data_inclusion_schema_v1():
    # arrange: a maison of the city, one without hours, a main site and its antenna
    city_maison()
    finistere_maison("essai-29-04", hours=[])
    main_site_and_antenna()
    # act
    structures = json.loads(exports.get_export("structures").content)
    # assert
    assert isinstance(structures, list)
    assert len(structures) == exported_maisons().count()
    for structure in structures:
        data_inclusion_structure(structure)
        assert structure["source"] == "reseau-france-services"
        assert structure["reseaux_porteurs"] == ["france-service"]
        assert structure["siret"] is None
        assert structure["accessibilite_lieu"] is None
    by_id = {structure["id"]: structure for structure in structures}
    maison = MaisonPage.objects.get(source_id="essai-29-01")
    structure = by_id["reseau-france-services--essai-29-01"]
    assert structure["nom"] == "France Services de Quimper-Essai"
    assert structure["code_insee"] == "29232"
    assert structure["code_postal"] == "29000"
    assert structure["commune"] == "Quimper"
    assert structure["adresse"] == "12 rue de l’Essai"
    assert structure["courriel"] == "essai-29-01@essai.example"
    assert structure["telephone"] == "02 98 00 00 01"
    assert structure["site_web"] is None
    assert structure["complement_adresse"] is None
    assert structure["lien_source"] == maison.get_full_url()
    # The day in Paris: at 00:30 there, UTC still has the day before.
    assert structure["date_maj"] == timezone.localdate(maison.last_published_at).isoformat()
    assert structure["horaires_accueil"] == "Mo-Fr 08:30-17:30; Sa 09:00-12:00; PH off"
    assert (structure["longitude"], structure["latitude"]) == (-4.1024, 47.996)
    assert by_id["reseau-france-services--essai-29-04"]["horaires_accueil"] is None


def test_structures_keep_within_the_bounds_of_the_schema():
    # arrange: a name too long ending with a full stop, a one-word introduction, and as the
    # import may write them, a website without its scheme, a postcode and an INSEE code a
    # spreadsheet broke
    long_name = finistere_maison(
        "essai-29-08",
        title=f"France Services {'de la Communauté de communes ' * 6}du Pays d’Essai.",
        intro="Bus",
        remarks="",
    )
    MaisonPage.objects.filter(pk=long_name.pk).update(
        website="www.essai.example", postcode="2900", insee_commune="2923"
    )
    described = finistere_maison(
        "essai-29-09",
        title="France Services d’Essai.",
        website="https://essai.example/france-services",
        intro="Accueil de proximité.",
        remarks="Fermé le mercredi après-midi.",
    )
    # act
    structures = json.loads(exports.get_export("structures").content)
    # assert
    by_id = {structure["id"]: structure for structure in structures}
    first = by_id[f"reseau-france-services--{long_name.source_id}"]
    second = by_id[f"reseau-france-services--{described.source_id}"]
    for structure in (first, second):
        data_inclusion_structure(structure)
    assert len(first["nom"]) == 150 and first["nom"].endswith("…")
    assert (first["site_web"], first["code_postal"], first["code_insee"]) == (None, None, None)
    assert first["description"] is None
    assert second["nom"] == "France Services d’Essai"
    assert second["site_web"] == "https://essai.example/france-services"
    assert second["description"] == "Accueil de proximité.\n\nFermé le mercredi après-midi."


# --- Cache ---------------------------------------------------------------------------------


def test_exports_are_cached_until_the_content_changes(django_assert_num_queries):
    # arrange
    maison = city_maison()
    exports.get_export("geojson")
    # act / assert: a second download reads no table
    with django_assert_num_queries(0):
        exports.get_export("geojson")
    maison = MaisonPage.objects.get(pk=maison.pk)
    maison.title = "France Services de Quimper-Essai Kerfeunteun"
    maison.save_revision().publish()
    names = {
        feature["properties"]["name"]
        for feature in json.loads(exports.get_export("geojson").content)["features"]
    }
    assert "France Services de Quimper-Essai Kerfeunteun" in names
    assert "France Services de Quimper-Essai" not in names


# --- Pages and downloads -------------------------------------------------------------------


def test_downloads_link_to_the_public_address(client, public_base_url):
    # arrange
    city_maison()
    url = "https://france-services.example/maisons/france-services-de-quimper-essai/"
    # act: requests naming another host of the server
    files = {
        name: client.get(f"{OPEN_DATA}{dataset.filename}", HTTP_HOST="localhost").content
        for name, dataset in exports.DATASETS.items()
    }
    # assert
    features = json.loads(files["geojson"])["features"]
    by_id = {feature["properties"]["source_id"]: feature for feature in features}
    assert by_id["essai-29-01"]["properties"]["url"] == url
    structures = {s["id"]: s for s in json.loads(files["structures"])}
    assert structures["reseau-france-services--essai-29-01"]["lien_source"] == url
    for content in files.values():
        for other in (b"localhost", b"127.0.0.1", b"testserver"):
            assert other not in content


def test_the_open_data_page_links_the_files_licence_source_and_api(client):
    # arrange
    city_maison()
    finistere_maison("essai-29-02", hours=TUESDAY_TO_SATURDAY)
    # act
    response = client.get(OPEN_DATA)
    # assert
    assert response.status_code == 200
    html = response.content.decode()
    for dataset in exports.DATASETS.values():
        assert f'href="{OPEN_DATA}{dataset.filename}"' in html
    assert f'href="{LICENCE}"' in html
    assert f'href="{SOURCE}"' in html
    assert 'href="/api/v1/docs"' in html
    assert 'class="fr-breadcrumb"' in html
    assert 'href="/maisons/"' in html
    assert exported_maisons().count() == 2
    assert f">{exported_maisons().count()} " in html


def test_the_open_data_page_has_a_title_heading_and_the_licence_name(client):
    # act
    html = client.get(f"/en{OPEN_DATA}").content.decode()
    # assert
    assert "<title>Open data — " in html
    assert "<h1>Open data</h1>" in html
    assert "Licence Ouverte / Open Licence version 2.0</a> by Etalab" in html
    assert f'href="/en{OPEN_DATA}france-services.csv"' in html


@pytest.mark.parametrize("name", ["csv", "geojson", "structures"])
def test_downloads_are_public_attachments(client, name):
    # arrange
    city_maison()
    dataset = exports.DATASETS[name]
    # act
    response = client.get(f"{OPEN_DATA}{dataset.filename}")
    # assert
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == {
            "csv": "text/csv; charset=utf-8",
            "geojson": "application/geo+json",
            "structures": "application/json",
        }[name]
    )
    assert response["Content-Disposition"] == f'attachment; filename="{dataset.filename}"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert response.content == exports.get_export(name).content
    assert "essai-29-01" in response.content.decode()


def test_an_unknown_open_data_file_is_not_found(client):
    assert client.get(f"{OPEN_DATA}france-services.xlsx").status_code == 404

"""Open data importers, on the real files and on crafted broken ones."""

import csv
import functools
import http.server
import io
import json
import subprocess
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from directory.importers import (
    CSV_COLUMNS,
    CommuneRecord,
    ImportSourceError,
    RowIssue,
    RowResult,
    open_source,
    parse_communes,
    parse_france_services,
)
from directory.territories import geography

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FS_2024 = DATA / "france-services" / "liste-fs-20240801.csv"
FS_2020 = DATA / "france-services" / "france-services-2020-10.geojson"
COMMUNES = DATA / "communes" / "communes-2024.csv"


def read(path: Path) -> tuple[bytes, str]:
    if not path.is_file():
        pytest.skip(f"open data not found at {path} (see the data README)")
    return open_source(str(path))


def csv_bytes(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, quoting=csv.QUOTE_ALL, restval="", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def fs_row(**values: str) -> dict[str, str]:
    """A valid 2024 row; keyword arguments override its cells."""
    row = {
        "id_fs": "1",
        "insee_dep": "34",
        "lib_fs": "France services de Lodève",
        "adresse": "1 place de la mairie",
        "insee_com": "34142",
        "code_postal": "34700",
        "lib_com": "Lodève",
        "latitude": "43.7317",
        "longitude": "3.3194",
        "mail": "lodeve@france-services.gouv.fr",
        "telephone": "04 67 00 00 00",
        "h_lundi": "09:00 - 12:00 / 14:00 - 17:00",
        "h_mardi": "09:00 - 12:00",
        "prise_rdv": "Oui",
        "type_fs": "Principal",
        "format_fs": "Fixe",
        "labellisation_fs": "Espace labellisé 01/09/2020",
    }
    return row | values


def issues_by_column(result: RowResult) -> dict[str, RowIssue]:
    return {issue.column: issue for issue in result.issues}


# --- Real files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results_2024() -> list[RowResult]:
    return list(parse_france_services(*read(FS_2024)))


@pytest.fixture(scope="module")
def results_2020() -> list[RowResult]:
    return list(parse_france_services(*read(FS_2020)))


@pytest.fixture(scope="module")
def communes() -> list[CommuneRecord | RowIssue]:
    data, _ = read(COMMUNES)
    return list(parse_communes(data))


def test_2024_file_yields_every_record(results_2024):
    # assert
    assert len(results_2024) == 2845
    # each record's first line: the header is line 1, four comments hold line breaks
    rows = [result.row for result in results_2024]
    assert (rows[0], rows[-1]) == (2, 2885)
    assert rows == sorted(set(rows))
    assert [result for result in results_2024 if result.record is None] == []
    assert len({result.record.source_id for result in results_2024}) == 2845


def test_2024_file_coordinates_all_in_france(results_2024):
    # Boxes (geography.FRANCE_BOUNDING_BOXES): metropolitan France and Corsica, Guadeloupe,
    # Martinique, Guyane, La Réunion, Mayotte, Saint-Martin/Saint-Barthélemy, Saint-Pierre.
    # act
    outside = [
        result.record.source_id
        for result in results_2024
        if result.record.latitude is None
        or not geography.is_in_france(result.record.latitude, result.record.longitude)
    ]

    # assert
    assert outside == []


def test_2024_file_counts_by_kind_and_format_match_the_readme(results_2024):
    # act
    kinds = Counter(result.record.kind for result in results_2024)
    formats = Counter(result.record.format for result in results_2024)
    itinerant = sum(result.record.itinerant for result in results_2024)

    # assert
    assert kinds == {"principal": 2721, "antenne": 124}
    assert formats == {
        "fixe": 2400,
        "multisite": 174,
        "bus": 134,
        "fixe_antennes": 108,
        "itinerante": 29,
    }
    assert itinerant == 134 + 29


def test_2024_file_issues_are_the_known_data_defects(results_2024):
    # act
    issues = {(issue.row, issue.column) for result in results_2024 for issue in result.issues}

    # assert: two cells with several e-mails (first kept); Saint-Martin's "978" is known.
    assert issues == {(640, "mail"), (1280, "mail")}
    saint_martin = results_2024[1314].record
    assert (saint_martin.source_id, saint_martin.department_code) == ("1684", "978")
    assert results_2024[635].record.email == "france-service@carct.fr"


def test_2024_file_first_record_is_fully_mapped(results_2024):
    # act
    record = results_2024[0].record

    # assert
    assert record.source_id == "1"
    assert record.name == "France services de Valserhône"
    assert (record.insee_commune, record.postcode, record.department_code) == (
        "01033",
        "01200",
        "01",
    )
    assert record.latitude == pytest.approx(46.1060711578546)
    assert record.raw_hours == {
        0: "13:30 - 17:00",
        1: "09:00 - 12:00 / 13:30 - 17:00",
        2: "09:00 - 12:00 / 13:30 - 17:00",
        3: "09:00 - 12:00 / 13:30 - 17:00",
        4: "09:00 - 12:00 / 13:30 - 16:00",
        5: "",
    }
    assert record.booking is False
    assert record.labelled_on == date(2020, 1, 1)
    assert record.phone == "04 50 56 87 49"


def test_2024_file_keeps_other_fields(results_2024):
    # act
    records = [result.record for result in results_2024]

    # assert
    assert sum(record.booking for record in records) == 992
    assert sum(bool(record.remarks) for record in records) == 830
    assert sum("\n" in record.remarks for record in records) == 4
    assert sum(bool(record.group) for record in records) == 143
    assert all(record.labelled_on is not None for record in records)
    # Non-breaking spaces and trailing newlines around cells are stripped.
    assert not [r.name for r in records if r.name != r.name.strip()]
    assert not [r.address for r in records if r.address != r.address.strip()]


def test_2020_geojson_parses(results_2020):
    # act
    records = [result.record for result in results_2020]

    # assert
    assert len(results_2020) == 908
    assert None not in records
    # MATRICULE is unique in this file: it is the source id.
    assert len({record.source_id for record in records}) == 908
    assert Counter(record.kind for record in records) == {"principal": 856, "antenne": 52}
    assert Counter(record.format for record in records) == {"fixe": 855, "itinerante": 53}
    assert sum(record.itinerant for record in records) == 53
    assert all(geography.is_in_france(r.latitude, r.longitude) for r in records)
    assert {record.labelled_on for record in records} == {
        date(2020, 1, 1),
        date(2020, 2, 1),
        date(2020, 9, 1),
    }


def test_2020_geojson_first_record(results_2020):
    # act
    record = results_2020[0].record

    # assert
    assert (record.source_id, record.name, record.department_code) == ("1", "Valserhône", "01")
    assert (record.latitude, record.longitude) == (46.105747, 5.825644)
    assert record.raw_hours[5] == ""  # "-" means closed
    assert record.raw_hours[0] == "9:00 - 12:00 / 13:30 - 17:00"
    assert record.labelled_on == date(2020, 1, 1)  # "Espace labellisé 01/2020"
    assert set(record.extra) == {
        "X._groupe",
        "Goupe_France_Services_responsable",
        "Goupe_Antennes",
    }


def test_2020_geojson_repairs_and_flags_bad_cells(results_2020):
    # arrange
    by_id = {result.record.source_id: result for result in results_2020}

    # act
    issues = {(issue.row, issue.column) for result in results_2020 for issue in result.issues}

    # assert
    assert by_id["9"].record.postcode == "03120"  # "3120": leading zero restored
    assert by_id["9"].record.department_code == "03"
    assert by_id["811"].record.insee_commune == ""  # "2B14" is truncated
    assert issues == {
        (153, "CONTACT.MAIL"),
        (211, "CONTACT.MAIL"),
        (446, "CONTACT.MAIL"),
        (731, "insee_com"),
        (732, "insee_com"),
    }


def test_communes_file_yields_one_record_per_row(communes):
    # act
    issues = [item for item in communes if isinstance(item, RowIssue)]
    kinds = Counter(item.kind for item in communes if isinstance(item, CommuneRecord))

    # assert: the 4 rows without coordinates are records with None (new communes), not issues.
    assert len(communes) == 36208
    assert issues == []
    assert kinds == {"COM": 35369, "COMD": 793, "ARM": 46}
    no_point = [item.insee for item in communes if item.latitude is None]
    assert sorted(no_point) == ["60694", "60694", "85165", "85212"]


def test_communes_file_delegated_communes_get_department_and_region(communes):
    # act
    delegated = [item for item in communes if item.kind == "COMD"]

    # assert
    assert all(item.department_code and item.region_code for item in delegated)
    assert all(item.parent_insee for item in delegated)
    arbignieu = next(item for item in delegated if item.name == "Arbignieu")
    assert (arbignieu.department_code, arbignieu.region_code) == ("01", "84")


def test_communes_file_first_row(communes):
    # act
    first = communes[0]

    # assert
    assert first == CommuneRecord(
        insee="01001",
        name="Abergement-Clémenciat",
        name_with_article="L'Abergement-Clémenciat",
        postcode="01400",
        department_code="01",
        region_code="84",
        kind="COM",
        parent_insee="",
        latitude=46.1517,
        longitude=4.9306,
        population=832,
    )


# --- Crafted France Services files ---------------------------------------------------------


@pytest.fixture
def crafted(tmp_path) -> list[RowResult]:
    columns = [*CSV_COLUMNS, "site_web"]
    rows = [
        fs_row(id_fs="1", commentaire="Fermé en août.\nSur rendez-vous\n\nle samedi"),
        fs_row(id_fs="", lib_fs="Sans identifiant"),
        fs_row(id_fs="3", latitude="abc"),
        fs_row(id_fs="4", latitude="123.4"),
        fs_row(id_fs="5", latitude="40.4168", longitude="-3.7038"),  # Madrid
        fs_row(id_fs="6", insee_dep="99"),
        fs_row(id_fs="7", site_web="https://lodeve.fr", insee_dep="1", mail="pas une adresse"),
        fs_row(id_fs="8", labellisation_fs="bientôt", latitude="", longitude=""),
        fs_row(id_fs="3", lib_fs="Doublon"),
        fs_row(id_fs="10", lib_fs=""),
        fs_row(id_fs="11", type_fs="Antenne", format_fs="Itinérante", h_samedi="09:00 - 12:00"),
    ]
    path = tmp_path / "liste-fs.csv"
    path.write_bytes(csv_bytes(rows, columns))
    return list(parse_france_services(*open_source(str(path))))


def test_crafted_rows_are_numbered_by_the_line_they_start_on(crafted):
    # assert: the header is line 1, the first record's comment spans lines 2 to 5
    assert [result.row for result in crafted] == [2, *range(6, 16)]
    assert crafted[0].record.remarks == "Fermé en août.\nSur rendez-vous\n\nle samedi"
    assert crafted[0].issues == []
    assert crafted[2].record.source_id == "3"


def test_crafted_row_without_id_is_rejected(crafted):
    # act
    result = crafted[1]

    # assert
    assert result.record is None
    assert result.issues == [RowIssue(6, "id_fs", "missing id", True)]


def test_crafted_row_without_name_is_rejected(crafted):
    # assert
    assert crafted[9].record is None
    assert crafted[9].issues == [RowIssue(14, "lib_fs", "missing name", True)]


def test_crafted_duplicate_id_is_rejected_naming_both_lines(crafted):
    # assert: the first row with id 3 (line 7) is kept, the second (line 13) rejected
    assert crafted[2].record.source_id == "3"
    assert crafted[8].record is None
    assert crafted[8].issues == [
        RowIssue(13, "id_fs", "duplicate id '3', already on line 7", True)
    ]


@pytest.mark.parametrize(
    ("index", "column", "reason"),
    [
        (2, "latitude", "not a number"),
        (3, "latitude", "out of range"),
        (4, "latitude/longitude", "outside France"),
        (7, "latitude/longitude", "missing coordinates"),
    ],
)
def test_crafted_bad_coordinates_are_emptied_and_flagged(crafted, index, column, reason):
    # act
    result = crafted[index]

    # assert
    assert result.record is not None
    assert (result.record.latitude, result.record.longitude) == (None, None)
    issue = issues_by_column(result)[column]
    assert issue.row == index + 5
    assert reason in issue.reason
    assert not issue.fatal


def test_crafted_unknown_department_is_emptied_and_flagged(crafted):
    # act
    result = crafted[5]

    # assert
    assert result.record.department_code == ""
    assert result.record.latitude == pytest.approx(43.7317)
    assert result.issues == [RowIssue(10, "insee_dep", "unknown department '99'", False)]


def test_crafted_extra_column_is_kept_as_website(crafted):
    # act
    record = crafted[6].record

    # assert
    assert record.website == "https://lodeve.fr"
    assert record.extra == {"site_web": "https://lodeve.fr"}
    assert record.department_code == "01"
    assert record.email == ""
    assert issues_by_column(crafted[6])["mail"].reason.startswith("invalid e-mail")


def test_crafted_unparseable_date_is_emptied_and_flagged(crafted):
    # act
    result = crafted[7]

    # assert
    assert result.record.labelled_on is None
    assert "unparseable date" in issues_by_column(result)["labellisation_fs"].reason


def test_crafted_values_are_mapped(crafted):
    # act
    first, antenna = crafted[0].record, crafted[10].record

    # assert
    assert (first.kind, first.format, first.itinerant, first.booking) == (
        "principal",
        "fixe",
        False,
        True,
    )
    assert (antenna.kind, antenna.format, antenna.itinerant) == ("antenne", "itinerante", True)
    assert antenna.raw_hours == {
        0: "09:00 - 12:00 / 14:00 - 17:00",
        1: "09:00 - 12:00",
        2: "",
        3: "",
        4: "",
        5: "09:00 - 12:00",
    }
    assert first.labelled_on == date(2020, 9, 1)


def test_utf8_bom_is_accepted():
    # arrange
    data = "\ufeff".encode() + csv_bytes([fs_row()], list(CSV_COLUMNS))

    # act
    results = list(parse_france_services(data, "liste.csv"))

    # assert
    assert results[0].record.source_id == "1"
    assert results[0].issues == []


def test_missing_required_column_raises_naming_it():
    # arrange
    columns = [column for column in CSV_COLUMNS if column != "latitude"]
    data = csv_bytes([fs_row()], columns)

    # act / assert
    with pytest.raises(ImportSourceError, match="latitude"):
        parse_france_services(data, "liste.csv")


def test_non_utf8_source_raises():
    # arrange
    data = csv_bytes([fs_row()], list(CSV_COLUMNS)).decode().encode("latin-1")

    # act / assert
    with pytest.raises(ImportSourceError, match="not UTF-8"):
        parse_france_services(data, "liste.csv")


def fs_lines(*rows: dict[str, str]) -> list[bytes]:
    """The lines of a valid 2024 file of these rows (the header first)."""
    return csv_bytes(list(rows), list(CSV_COLUMNS)).splitlines(keepends=True)


def kept_and_rejected(results: list[RowResult]) -> tuple[list[str], dict[int, list[RowIssue]]]:
    kept = [result.record.source_id for result in results if result.record]
    rejected = {result.row: result.issues for result in results if result.record is None}
    return kept, rejected


def test_a_latin1_line_is_rejected_with_its_line_number_and_the_other_rows_land():
    # arrange: line 3 saved by a spreadsheet in Latin-1, the others in UTF-8
    lines = fs_lines(fs_row(id_fs="1"), fs_row(id_fs="2"), fs_row(id_fs="3"))
    lines[2] = lines[2].decode().encode("latin-1")

    # act
    results = list(parse_france_services(b"".join(lines), "liste.csv"))

    # assert
    kept, rejected = kept_and_rejected(results)
    assert kept == ["1", "3"]
    assert rejected == {
        3: [
            RowIssue(
                3,
                "lib_fs",
                "not UTF-8 text (byte 0xE8): the line is in another encoding",
                True,
            )
        ]
    }
    assert results[1].source_id == "2"


def test_a_row_with_the_wrong_number_of_fields_is_rejected():
    # arrange: line 2 lost its last field, line 3 has one too many
    lines = fs_lines(fs_row(id_fs="1"), fs_row(id_fs="2"), fs_row(id_fs="3"))
    lines[1] = lines[1].rsplit(b',"', 1)[0] + b"\n"
    lines[2] = lines[2].rstrip() + b',"en trop"\n'

    # act
    results = list(parse_france_services(b"".join(lines), "liste.csv"))

    # assert
    kept, rejected = kept_and_rejected(results)
    assert kept == ["3"]
    assert rejected == {
        2: [RowIssue(2, "", "expected 24 fields, found 23", True)],
        3: [RowIssue(3, "", "expected 24 fields, found 25", True)],
    }


def test_an_unbalanced_quote_does_not_swallow_the_rows_after_it():
    # arrange: line 3's last quote is missing, so its field runs on into lines 4 and 5
    rows = [fs_row(id_fs=str(number)) for number in range(1, 6)]
    lines = fs_lines(*rows)
    lines[2] = lines[2].rstrip()[:-1] + b"\n"

    # act
    results = list(parse_france_services(b"".join(lines), "liste.csv"))

    # assert
    kept, rejected = kept_and_rejected(results)
    assert kept == ["1", "3", "4", "5"]
    assert [issue.row for issue in rejected[3]] == [3]
    assert rejected[3][0].reason.startswith("expected 24 fields, found ")


@pytest.mark.parametrize(
    ("character", "code"),
    [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x85", "U+0085")],
)
def test_a_control_character_in_a_field_rejects_its_row(character, code):
    # arrange: tabs and line breaks are text
    rows = [
        fs_row(id_fs="1", commentaire="Lundi :\tsur rendez-vous\r\nMardi : libre"),
        fs_row(id_fs="2", adresse=f"1 place{character} de la mairie"),
    ]

    # act
    results = list(parse_france_services(csv_bytes(rows, list(CSV_COLUMNS)), "liste.csv"))

    # assert
    kept, rejected = kept_and_rejected(results)
    assert kept == ["1"]
    assert results[0].record.remarks == "Lundi :\tsur rendez-vous\r\nMardi : libre"
    assert rejected == {4: [RowIssue(4, "adresse", f"control character {code} in the text", True)]}


def test_a_broken_communes_line_is_rejected_with_its_line_number():
    # arrange
    header = (
        "insee_com,insee_reg,insee_dep,commune,commune_article,code_postal,commune_type,"
        "insee_parente,lat,lng,population_2021\n"
    )
    rows = [
        "34142,76,34,Lodève,Lodève,34700,COM,,43.7317,3.3194,7500\n".encode(),
        "34143,76,34,Lodève,Lodève,34700,COM,,43.7317,3.3194\n".encode(),
        "34144,76,34,Lodève,Lodève,34700,COM,,43.7317,3.3194,7500\n".encode("latin-1"),
        "34145,76,34,Le\x00dève,Lodève,34700,COM,,43.7317,3.3194,7500\n".encode(),
        "34146,76,34,Lodève,Lodève,34700,COM,,43.7317,3.3194,7500\n".encode(),
    ]

    # act
    items = list(parse_communes(header.encode() + b"".join(rows)))

    # assert
    assert [item.insee for item in items if isinstance(item, CommuneRecord)] == [
        "34142",
        "34146",
    ]
    assert [
        (item.row, item.column, item.reason) for item in items if isinstance(item, RowIssue)
    ] == [
        (3, "", "expected 11 fields, found 10"),
        (4, "commune", "not UTF-8 text (byte 0xE8): the line is in another encoding"),
        (5, "commune", "control character U+0000 in the text"),
    ]


def test_geojson_control_character_rejects_the_feature():
    # arrange
    features = [geojson_feature(), geojson_feature(MATRICULE=13, ADRESSE="Place\x00 Salva")]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()

    # act
    results = list(parse_france_services(data, "fs.geojson"))

    # assert
    assert results[0].record is not None
    assert results[1].record is None
    assert results[1].issues == [
        RowIssue(2, "ADRESSE", "control character U+0000 in the text", True)
    ]


def geojson_feature(**properties) -> dict:
    base = {
        "MATRICULE": 12,
        "DEPARTEMENT": "5",
        "lib_france_services": "Guillestre",
        "ADRESSE": "Place Salva",
        "COMPLEMENT.D.ADRESSE": "",
        "insee_com": "05065",
        "code_postal": "5600",
        "lib_com": "GUILLESTRE",
        "CONTACT.MAIL": "-",
        "TELEPHONE": "-",
        "h_lundi": "9:00 - 12:00",
        "h_mardi": "-",
        "h_mercredi": "-",
        "h_jeudi": "-",
        "h_vendredi": "-",
        "h_samedi": "-",
        "Commentaire.horaires": "",
        "ITINERANCE": "Oui",
        "FORMAT_FS": "Antenne",
        "Groupe": "Guillestrois",
        "Labellisation": "Espace labellisé 02/2020",
        "categorie": "Antenne itinerante",
    }
    return {
        "type": "Feature",
        "properties": base | properties,
        "geometry": {"type": "Point", "coordinates": [6.6497, 44.6606]},
    }


def test_geojson_detected_from_content_and_geometry_used_without_coordinates():
    # arrange
    document = {"type": "FeatureCollection", "features": [geojson_feature()]}
    data = json.dumps(document).encode()

    # act
    [result] = parse_france_services(data)

    # assert
    record = result.record
    assert result.issues == []
    assert (record.latitude, record.longitude) == (44.6606, 6.6497)
    assert (record.source_id, record.department_code, record.postcode) == ("12", "05", "05600")
    assert (record.kind, record.format, record.itinerant) == ("antenne", "itinerante", True)
    assert (record.email, record.phone) == ("", "")
    assert record.labelled_on == date(2020, 2, 1)


def test_geojson_feature_without_matricule_is_rejected():
    # arrange
    features = [geojson_feature(), geojson_feature(MATRICULE=None)]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()

    # act
    results = list(parse_france_services(data, "fs.geojson"))

    # assert
    assert results[0].record is not None
    assert results[1].record is None
    assert results[1].issues == [RowIssue(2, "MATRICULE", "missing id", True)]


def test_geojson_missing_property_raises_naming_it():
    # arrange
    feature = geojson_feature()
    del feature["properties"]["categorie"]
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()

    # act / assert
    with pytest.raises(ImportSourceError, match="categorie"):
        parse_france_services(data, "fs.geojson")


# --- Crafted communes file -----------------------------------------------------------------


def test_crafted_communes_rows_with_problems_yield_issues():
    # arrange
    header = (
        "insee_com,insee_reg,insee_dep,commune,commune_article,code_postal,commune_type,"
        "insee_parente,lat,lng,population_2021\n"
    )
    rows = [
        "34142,76,34,Lodève,Lodève,34700,COM,,43.7317,3.3194,7500",
        "2A004,,,Ajaccio,Ajaccio,20000,COMD,2A004,41.9267,8.7369,71000",
        "3414,76,34,Trop court,Trop court,34700,COM,,,,",
        "34143,76,34,Loin,Loin,34700,COM,,abc,3.3,10",
        "98613,,,Uvea,Uvea,98600,COMD,98613,-13.28,-176.17,8701",
        "34144,76,34,Sans point,Sans point,34700,COM,,,,",
        "34145,76,34,Comptage,Comptage,34700,XYZ,,43.7,3.3,10",
    ]
    data = (header + "\n".join(rows) + "\n").encode()

    # act
    items = list(parse_communes(data))

    # assert
    assert len(items) == 7
    assert items[0].population == 7500
    assert (items[1].department_code, items[1].region_code) == ("2A", "94")
    assert items[2] == RowIssue(4, "insee_com", "invalid INSEE commune code '3414'", True)
    assert (items[3].row, items[3].column) == (5, "lat")
    assert items[4] == RowIssue(6, "insee_dep", "unknown department '986'", True)
    assert (items[5].latitude, items[5].population) == (None, None)
    assert (items[6].row, items[6].column) == (8, "commune_type")


def test_communes_missing_column_raises():
    # act / assert
    with pytest.raises(ImportSourceError, match="commune_type"):
        parse_communes(b"insee_com,insee_reg,insee_dep,commune\n01001,84,01,Abergement\n")


# --- Sources -------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def no_proxy(monkeypatch):
    """Loopback requests go straight to the local server, whatever the environment says."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")


@pytest.fixture
def local_server(no_proxy):
    """The shared data folder over HTTP on an ephemeral loopback port."""
    if not DATA.is_dir():
        pytest.skip(f"open data not found at {DATA}")
    handler = functools.partial(QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_open_source_over_http_returns_the_file_bytes(local_server):
    # act
    data, name = open_source(f"{local_server}/communes/communes-2024.csv", timeout=5)

    # assert
    assert data == COMMUNES.read_bytes()
    assert name == "communes-2024.csv"


def test_open_source_http_404_raises(local_server):
    # act / assert
    with pytest.raises(ImportSourceError, match="404"):
        open_source(f"{local_server}/communes/absent.csv", timeout=5)


def test_open_source_unreachable_raises(no_proxy):
    # arrange: a port that was free a moment ago, nothing listens on it
    server = http.server.HTTPServer(("127.0.0.1", 0), QuietHandler)
    port = server.server_address[1]
    server.server_close()

    # act / assert
    with pytest.raises(ImportSourceError, match="unreachable"):
        open_source(f"http://127.0.0.1:{port}/liste.csv", timeout=2)


def test_open_source_missing_file_raises(tmp_path):
    # act / assert
    with pytest.raises(ImportSourceError, match="no such file"):
        open_source(str(tmp_path / "absent.csv"))


def test_open_source_rejects_other_schemes():
    # act / assert
    with pytest.raises(ImportSourceError, match="unsupported scheme"):
        open_source("ftp://127.0.0.1/liste.csv")


def test_importers_do_not_import_django():
    # arrange
    code = "import sys, directory.importers; print('django' in sys.modules)"
    root = Path(__file__).resolve().parents[2]

    # act
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout

    # assert
    assert output.strip() == "False"

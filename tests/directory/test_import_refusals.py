"""What the France Services import refuses in a file, and how it says so: a file it cannot
use at all is refused before any row; a row's bad cell is reported by column, the row kept
with the cell left empty or its default."""

import json

import pytest

from directory.importers import CSV_COLUMNS, ImportSourceError, RowIssue, parse_france_services
from tests.directory.test_importers import csv_bytes, fs_row, geojson_feature, issues_by_column


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b'{"type": "FeatureCollection", "features": [', "invalid JSON", id="json"),
        pytest.param('{"nom": "Lodève"}'.encode("latin-1"), "not UTF-8", id="latin-1"),
        pytest.param(b'{"type": "Feature"}', "not a GeoJSON FeatureCollection", id="feature"),
        pytest.param(b'{"features": {}}', "not a GeoJSON FeatureCollection", id="not-a-list"),
    ],
)
def test_a_geojson_file_it_cannot_read_is_refused_before_any_row(data, message):
    # act / assert
    with pytest.raises(ImportSourceError, match=message):
        list(parse_france_services(data, "fs.geojson"))


def test_a_feature_without_properties_is_rejected_and_the_others_land():
    # arrange
    features = [geojson_feature(), {"type": "Feature", "properties": None}]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    # act
    first, second = parse_france_services(data, "fs.geojson")
    # assert
    assert first.record is not None and first.record.source_id == "12"
    assert second.rejected
    assert second.issues == [RowIssue(2, "properties", "feature without properties", True)]


def test_a_csv_file_with_a_column_twice_is_refused_naming_it():
    # arrange
    data = csv_bytes([fs_row()], [*CSV_COLUMNS, "lib_fs"])
    # act / assert
    with pytest.raises(ImportSourceError, match=r"duplicated column\(s\): lib_fs"):
        list(parse_france_services(data, "liste.csv"))


def test_bad_cells_are_reported_by_column_and_the_row_kept():
    # arrange
    row = fs_row(
        code_postal="347",
        insee_dep="",
        format_fs="Péniche",
        labellisation_fs="Espace labellisé 31/02/2020",
    )
    # act
    (result,) = parse_france_services(csv_bytes([row], list(CSV_COLUMNS)), "liste.csv")
    # assert
    issues = issues_by_column(result)
    assert issues["code_postal"].reason == "invalid postcode '347'"
    assert issues["insee_dep"].reason == "missing department code"
    assert issues["format_fs"].reason == "unknown value 'Péniche', assumed 'fixe'"
    assert issues["labellisation_fs"].reason == "unparseable date 'Espace labellisé 31/02/2020'"
    assert not any(issue.fatal for issue in result.issues)
    record = result.record
    assert (record.postcode, record.department_code, record.format) == ("", "", "fixe")
    assert record.labelled_on is None

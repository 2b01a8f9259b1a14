"""Reference geography: regions, departments, codes, checked against the real open data."""

import csv
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from directory.territories import geography

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
COMMUNES_CSV = DATA / "communes" / "communes-2024.csv"
FRANCE_SERVICES_CSV = DATA / "france-services" / "liste-fs-20240801.csv"


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        pytest.skip(f"open data not found at {path} (see the data README)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def communes() -> list[dict[str, str]]:
    return read_csv(COMMUNES_CSV)


def test_eighteen_regions_with_unique_codes():
    # act
    codes = [region.code for region in geography.REGIONS]

    # assert
    assert len(codes) == 18
    assert len(set(codes)) == 18
    assert geography.region("84").name == "Auvergne-Rhône-Alpes"
    assert geography.region("94").name == "Corse"


def test_hundred_and_one_departments_with_unique_codes():
    # act
    codes = [department.code for department in geography.DEPARTMENTS]

    # assert
    assert len(codes) == 101
    assert len(set(codes)) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes
    assert "975" not in codes


def test_every_region_has_a_department_and_every_department_a_known_region():
    # arrange
    region_codes = {region.code for region in geography.REGIONS}

    # act
    used = {department.region_code for department in geography.DEPARTMENTS}

    # assert
    assert used == region_codes


def test_every_time_zone_loads():
    for department in geography.DEPARTMENTS:
        # act
        zone = ZoneInfo(department.timezone)

        # assert
        assert zone.key == department.timezone


@pytest.mark.parametrize(
    ("code", "name", "region_code", "timezone"),
    [
        ("63", "Puy-de-Dôme", "84", "Europe/Paris"),
        ("34", "Hérault", "76", "Europe/Paris"),
        ("22", "Côtes-d'Armor", "53", "Europe/Paris"),
        ("2A", "Corse-du-Sud", "94", "Europe/Paris"),
        ("971", "Guadeloupe", "01", "America/Guadeloupe"),
        ("972", "Martinique", "02", "America/Martinique"),
        ("973", "Guyane", "03", "America/Cayenne"),
        ("974", "La Réunion", "04", "Indian/Reunion"),
        ("976", "Mayotte", "06", "Indian/Mayotte"),
    ],
)
def test_department_lookup(code, name, region_code, timezone):
    # act
    department = geography.department(code)

    # assert
    assert (department.name, department.region_code, department.timezone) == (
        name,
        region_code,
        timezone,
    )


def test_unknown_department_lookup_raises_key_error_naming_the_code():
    # act / assert
    with pytest.raises(KeyError, match="unknown department code '99'"):
        geography.department("99")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", "01"), ("01", "01"), ("2a", "2A"), ("2B", "2B"), ("974", "974"), (" 34 ", "34")],
)
def test_normalize_department_code(raw, expected):
    # act / assert
    assert geography.normalize_department_code(raw) == expected


@pytest.mark.parametrize("raw", ["99", "20", "979", "986", "", "2C", "0"])
def test_normalize_unknown_department_code_raises(raw):
    # act / assert
    with pytest.raises(ValueError, match=f"unknown department '{raw}'"):
        geography.normalize_department_code(raw)


@pytest.mark.parametrize(
    ("insee", "expected"),
    [("34142", "34"), ("2A004", "2A"), ("2b033", "2B"), ("97411", "974"), ("01001", "01")],
)
def test_department_from_insee_commune(insee, expected):
    # act / assert
    assert geography.department_from_insee_commune(insee) == expected


@pytest.mark.parametrize("insee", ["3414", "341420", "2C004", "ABCDE"])
def test_department_from_invalid_insee_commune_raises(insee):
    # act / assert
    with pytest.raises(ValueError, match="invalid INSEE commune code"):
        geography.department_from_insee_commune(insee)


@pytest.mark.parametrize(
    ("insee", "expected"),
    [("97801", "978"), ("97701", "977"), ("97502", "975"), ("97501", "975")],
)
def test_department_from_insee_commune_of_a_collectivity_is_the_collectivity(insee, expected):
    # Saint-Martin, Saint-Barthélemy, Saint-Pierre-et-Miquelon: overseas collectivities.
    # act / assert
    assert geography.department_from_insee_commune(insee) == expected


def test_department_from_insee_commune_of_a_collectivity_without_france_services_raises():
    # Wallis-et-Futuna (986) holds no France Services and is not in the commune file.
    # act / assert
    with pytest.raises(ValueError, match="unknown department '986'"):
        geography.department_from_insee_commune("98613")


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (48.8566, 2.3522, True),  # Paris
        (48.4583, -5.0950, True),  # Ouessant
        (42.6977, 9.4503, True),  # Bastia
        (16.2411, -61.5331, True),  # Pointe-à-Pitre
        (4.9372, -52.3260, True),  # Cayenne
        (-20.8823, 55.4504, True),  # Saint-Denis (La Réunion)
        (-12.7806, 45.2279, True),  # Mamoudzou
        (18.0667, -63.0833, True),  # Saint-Martin
        (5.8260, 46.1061, False),  # latitude and longitude swapped
        (40.4168, -3.7038, False),  # Madrid
        (51.5072, -0.1276, False),  # London
        (0.0, 0.0, False),
    ],
)
def test_is_in_france(latitude, longitude, expected):
    # act / assert
    assert geography.is_in_france(latitude, longitude) is expected


def test_every_department_of_the_communes_file_is_known(communes):
    # act
    codes = {row["insee_dep"] for row in communes if row["insee_dep"]}

    # assert
    assert codes == {department.code for department in geography.DEPARTMENTS}


def test_department_regions_match_the_communes_file(communes):
    # act
    pairs = {(row["insee_dep"], row["insee_reg"]) for row in communes if row["insee_dep"]}

    # assert
    assert pairs == {(d.code, d.region_code) for d in geography.DEPARTMENTS}


def test_insee_code_gives_the_department_of_every_commune(communes):
    # act
    mismatches = [
        row["insee_com"]
        for row in communes
        if row["insee_dep"]
        and geography.department_from_insee_commune(row["insee_com"]) != row["insee_dep"]
    ]

    # assert
    assert mismatches == []


def test_every_territory_of_the_france_services_file_is_known():
    # arrange
    rows = read_csv(FRANCE_SERVICES_CSV)
    known = {territory.code for territory in geography.TERRITORIES}

    # act
    unknown = {row["insee_dep"] for row in rows} - known

    # assert: 978 (Saint-Martin, 2 rows) is an overseas collectivity, not a department.
    assert unknown == set()
    assert sum(row["insee_dep"] == "978" for row in rows) == 2
    assert geography.department("978").region_code == "COM"

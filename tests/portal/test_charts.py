"""The charts' SVG (``{% chart c %}``): valid XML with unique ids per page, bars as long as
their values, round ticks, French numbers, every figure in the table under it, "Aucune
donnée" when there is none, the DSFR colours' contrast; the map of the 101 departments from a
small committed file, its classes and departments without a figure."""

import io
import json
import re
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree as ET
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from portal.charts import (
    Bar,
    BarChart,
    DepartmentMap,
    DistributionChart,
    DistributionRow,
    LineChart,
    Series,
    boundaries,
    drawing,
    quantiles,
)

SVG = "{http://www.w3.org/2000/svg}"
# The official list's department codes: metropolitan France, Corsica, the five overseas.
DEPARTMENTS = (
    [f"{n:02}" for n in range(1, 96) if n != 20]
    + ["2A", "2B"]
    + ["971", "972", "973", "974", "976"]
)
PATH_DATA = re.compile(r"^(M-?\d+ -?\d+l(-?\d+(?: |(?=-))?)+z)+$")


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def render(*charts) -> str:
    names = [f"c{i}" for i in range(len(charts))]
    source = "{% load charts %}<main>" + "".join(f"{{% chart {n} %}}" for n in names) + "</main>"
    return Template(source).render(Context(dict(zip(names, charts, strict=True))))


def parse(html: str) -> Element:
    return ET.fromstring(html)


def bars(*values) -> BarChart:
    return BarChart(
        title="Maisons par partenaire",
        description="Nombre de maisons où chaque partenaire est présent.",
        bars=[Bar(f"Partenaire {i}", v, f"/p/{i}/") for i, v in enumerate(values)],
        label_header="Partenaire",
        value_header="Maisons",
    )


def months(count: int) -> list[str]:
    return [f"{2025 + i // 12}-{i % 12 + 1:02}" for i in range(count)]


def test_every_kind_is_an_svg_image_named_by_its_title_and_description_unique_on_the_page():
    trend = LineChart(
        "Visites", "Visites par mois", months(3), [Series("Visites", [1, 2, 3])], "Mois"
    )
    spread = DistributionChart(
        "Répartition",
        "Visites par maison",
        [DistributionRow("Occitanie", quantiles([1, 5]))],
        "Région",
    )
    france = DepartmentMap("Carte", "Maisons conformes", {"34": 83}, "Part", "%")
    page = parse(render(bars(1, 2), bars(3), trend, spread, france))

    svgs = page.findall(f".//{SVG}svg")
    assert len(svgs) == 5
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    for svg in svgs:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}desc").get("id") == desc_id
        assert svg.get("viewBox") and svg.get("width") == "100%"
    # The table follows each SVG.
    figures = page.findall("figure")
    assert [child.tag for child in figures[0]][-2:] == [f"{SVG}svg", "div"]


def test_bars_are_as_long_as_their_values_and_written_in_french():
    figure = parse(render(bars(1200, 300, 1234.5)))
    rects = [r for r in figure.iter(f"{SVG}rect") if r.get("fill") == drawing.BLUE]
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] / widths[1] == pytest.approx(4, rel=0.01)
    assert widths[2] / widths[0] == pytest.approx(1234.5 / 1200, rel=0.01)
    texts = [t.text for t in figure.iter(f"{SVG}text")]
    assert {"1\u00a0200", "300", "1\u00a0234,5"} <= set(texts)
    # Ticks: round steps from 0 past the largest value.
    assert texts[:6] == ["0", "250", "500", "750", "1\u00a0000", "1\u00a0250"]
    # The table holds every value, and the links to the drill-down (only there).
    cells = [td.text for td in figure.iter("td")]
    assert cells == ["1\u00a0200", "300", "1\u00a0234,5"]
    assert [a.get("href") for a in figure.iter("a")] == ["/p/0/", "/p/1/", "/p/2/"]
    assert not figure.findall(f".//{SVG}a")


@pytest.mark.parametrize(
    ("high", "ticks"),
    [
        (0, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (55, [0, 20, 40, 60]),
        (0.3, [0, 0.1, 0.2, 0.3]),
        (98, [0, 20, 40, 60, 80, 100]),
        (2845, [0, 1000, 2000, 3000]),
    ],
)
def test_ticks_are_round(high, ticks):
    assert drawing.nice_ticks(high) == ticks


def test_numbers_in_french():
    assert drawing.number(1234567.25, "h") == "1\u00a0234\u00a0567,2\u00a0h"
    assert drawing.number(83, "%") == "83\u00a0%"
    assert drawing.number(None) == "–"


def test_no_data_is_a_sentence_not_an_empty_chart():
    empty = [
        bars(),
        LineChart("Visites", "Par mois", months(2), [Series("Visites", [None, None])], "Mois"),
        DistributionChart(
            "Visites", "Par maison", [DistributionRow("Bretagne", quantiles([]))], "Région"
        ),
        DepartmentMap("Carte", "Conformes", {}, "Part"),
    ]
    html = render(*empty)
    assert "<svg" not in html
    assert html.count("<p>Aucune donnée</p>") == 4


def test_line_thins_its_labels_starts_at_zero_and_tells_series_apart_without_colour():
    values = [float(100 + i) for i in range(24)]
    chart = LineChart(
        "Visites",
        "24 mois",
        months(24),
        [Series("Visites", values), Series("Appels", [None, *values[1:]])],
        "Mois",
    )
    figure = parse(render(chart))
    texts = [t.text for t in figure.iter(f"{SVG}text")]
    shown = [m for m in months(24) if m in texts]
    assert len(shown) <= drawing.MAX_X_LABELS and shown[-1] == "2026-12"
    assert texts[0] == "0"
    dashes = {p.get("stroke-dasharray") for p in figure.iter(f"{SVG}path") if p.get("stroke")}
    assert {None, "8 4"} <= dashes
    assert "123" in texts  # the last value, written
    rows = figure.findall(".//tbody/tr")
    assert len(rows) == 24 and [td.text for td in rows[0].iter("td")] == ["100", "–"]


def test_distribution_boxes_and_table():
    spread = quantiles(list(range(1, 101)))
    chart = DistributionChart(
        "Visites par maison",
        "Médiane et déciles",
        [DistributionRow("Occitanie", spread)],
        "Région",
    )
    figure = parse(render(chart))
    box = next(r for r in figure.iter(f"{SVG}rect") if r.get("fill") == drawing.BOX)
    assert float(box.get("width")) > 0
    cells = [td.text for td in figure.iter("td")]
    assert cells == ["100", "10,9", "25,8", "50,5", "75,2", "90,1", "50,5"]
    assert "50,5" in [t.text for t in figure.iter(f"{SVG}text")]


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_contrast_with_the_background():
    white = drawing.BACKGROUND
    for text in (drawing.INK, drawing.MUTED):
        assert contrast(text, white) >= 4.5
    for graphic in (drawing.BLUE, drawing.RED, *(s[0] for s in drawing.SERIES_STYLES)):
        assert contrast(graphic, white) >= 3
    # The map's light classes are outlined in MUTED; the ramp darkens class after class.
    luminances = [relative_luminance(c) for c in drawing.RAMP]
    assert luminances == sorted(luminances, reverse=True)


def test_map_file_is_small_and_holds_every_department_with_valid_path_data():
    assert boundaries.OUTLINE_FILE.stat().st_size < 120_000
    outlines = boundaries.departments_outline()
    assert sorted(outlines.departments) == sorted(DEPARTMENTS)
    assert outlines.departments["34"].name == "Hérault"
    for code, outline in outlines.departments.items():
        assert PATH_DATA.match(outline.d), code
    assert [inset.code for inset in outlines.insets] == ["971", "972", "973", "974", "976"]


def test_map_classes_titles_legend_and_departments_without_figure():
    chart = DepartmentMap(
        "Conformité",
        "Part des maisons conformes",
        {"34": 83, "29": 10, "75": 150, "99": 5},
        "Part conforme",
        "%",
        hrefs={"34": "/pilotage/?departement=34"},
        breaks=[25, 50, 75],
    )
    figure = parse(render(chart))
    paths = {
        p.find(f"{SVG}title").text: p.get("fill")
        for p in figure.iter(f"{SVG}path")
        if p.find(f"{SVG}title") is not None
    }
    assert len(paths) == 101
    assert paths["Hérault : 83\u00a0%"] == drawing.RAMP[4]
    assert paths["Finistère : 10\u00a0%"] == drawing.RAMP[0]
    assert paths["Paris : 150\u00a0%"] == drawing.RAMP[4]  # above the last break
    assert paths["Gard : aucune donnée"].startswith("url(#chart-")
    texts = [t.text for t in figure.iter(f"{SVG}text")]
    assert {"moins de 25\u00a0%", "de 25 à moins de 50\u00a0%", "75\u00a0% et plus"} <= set(texts)
    assert "aucune donnée" in texts
    rows = [[cell.text or cell.find("a").text for cell in tr] for tr in figure.iter("tr")][1:]
    assert rows == [
        ["29", "Finistère", "10\u00a0%"],
        ["34", "Hérault", "83\u00a0%"],
        ["75", "Paris", "150\u00a0%"],
        ["99", "99", "5\u00a0%"],  # a code the map does not draw: in the table only
    ]
    assert figure.find(".//tbody//a").get("href") == "/pilotage/?departement=34"


def test_map_quintiles_when_no_breaks_are_given():
    values = {code: float(i) for i, code in enumerate(DEPARTMENTS)}
    breaks, classes = drawing.map_classes(DepartmentMap("Carte", "", values, "Valeur"))
    assert len(breaks) == 4 and len(classes) == 5
    one_value, only = drawing.map_classes(DepartmentMap("Carte", "", {"34": 3}, "Valeur"))
    assert one_value == [] and [c.label for c in only] == ["toutes les valeurs"]


def test_map_breaks_must_increase():
    with pytest.raises(ValueError):
        DepartmentMap("Carte", "", {}, "Valeur", breaks=[50, 25])


def test_douglas_peucker_keeps_corners_and_drops_points_within_tolerance():
    line = [(0, 0), (1, 0.2), (2, 0), (3, 5), (4, 0)]
    assert boundaries.simplify(line, tolerance=0.5) == [(0, 0), (2, 0), (3, 5), (4, 0)]
    square = [(0, 0), (5, 0.1), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert boundaries.simplify_ring(square, tolerance=1) == [
        (0, 0),
        (10, 0),
        (10, 10),
        (0, 10),
        (0, 0),
    ]


def test_build_department_map_command(tmp_path):
    def square(lon, lat, side):
        ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side]]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}

    features = [
        ("34", "Hérault", square(3, 43, 1)),
        ("2A", "Corse-du-Sud", square(8.5, 41.5, 0.8)),
        ("974", "La Réunion", square(55.2, -21.4, 0.6)),
    ]
    source = tmp_path / "departements.geojson"
    source.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"code": c, "nom": n}, "geometry": g}
                    for c, n, g in features
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "departments.json"
    call_command("build_department_map", str(source), str(out), stdout=io.StringIO())

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["licence"] == "Licence Ouverte / Open Licence (Etalab)"
    assert sorted(data["departments"]) == ["2A", "34", "974"]
    assert data["departments"]["34"]["name"] == "Hérault"
    assert all(PATH_DATA.match(d["d"]) for d in data["departments"].values())
    assert [inset["code"] for inset in data["insets"]] == ["974"]

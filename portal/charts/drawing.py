"""The geometry of each chart's SVG, computed here and written out by the templates of
``templates/portal/charts/``: scales with round ticks, bars, lines, boxes and the map's
classes, every figure written in the active language's number format.

Colours are the DSFR's (light theme), each at least 3:1 against the white background for
what it draws and 4.5:1 for text; nothing is told by colour alone (values written next to
bars and points, a marker and a dash pattern per series, a lightness ramp and a hatch for the
map, and the table under every chart).
"""

import bisect
import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from portal import charts
from portal.charts.boundaries import departments_outline

BACKGROUND = "#ffffff"
INK = "#161616"  # grey-50-1000: text
MUTED = "#666666"  # grey-425-625: axes, outlines, whiskers' caps
GRID = "#dddddd"  # grey-900-175: gridlines, decorative
BLUE = "#000091"  # blue-france-sun-113-625
BOX = "#cacafb"  # blue-france-850-200, inside a BLUE outline
RED = "#c9191e"  # red-marianne-425-625
# By name, for the templates.
COLOURS = {
    "background": BACKGROUND,
    "ink": INK,
    "muted": MUTED,
    "grid": GRID,
    "blue": BLUE,
    "box": BOX,
    "red": RED,
}
# Per line series: colour, dash pattern, marker.
SERIES_STYLES = (
    (BLUE, "", "circle"),
    (RED, "8 4", "square"),
    ("#006a6f", "2 3", "triangle"),  # green-archipel-sun-391
    ("#6e445a", "10 3 2 3", "diamond"),  # purple-glycine-sun-319
)
# The map's classes, light to dark (blue-france 975, 925, 850, main-525, sun-113).
RAMP = ("#f5f5fe", "#e3e3fd", "#cacafb", "#6a6af4", "#000091")
RAMP_FOR_CLASSES = {1: (3,), 2: (1, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}

WIDTH = 640
ROW = 28
BAR_HEIGHT = 18
LABEL_CHARS = 34  # longer labels are cut ("…") in the SVG, whole in the table
CHAR_WIDTH = 7.2  # an average character at the charts' 13-unit font
VALUE_ROOM = 96  # right of the longest bar, for its value
MAX_X_LABELS = 8  # the line chart's x axis writes at most this many labels


def number(value: float | None, unit: str = "") -> str:
    """``value`` in the active language's format (a whole number, or one decimal), with its
    unit; "–" when there is no figure."""
    if value is None:
        return "–"
    rounded = round(value, 1)
    decimals = 0 if rounded == int(rounded) else 1
    text = formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0{unit}" if unit else text


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """Ticks from 0 to at least ``high`` in about ``count`` round steps (1, 2, 2.5 or 5
    times a power of ten)."""
    if high <= 0:
        return [0, 1]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    steps = math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


def label_width(labels: Sequence[str]) -> float:
    longest = max((len(short(label)) for label in labels), default=0)
    return max(longest * CHAR_WIDTH + 12, 80)


# Bars


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value: str
    y: float
    width: float
    text_y: float
    value_x: float


def draw_bars(chart: charts.BarChart) -> dict:
    left = label_width([bar.label for bar in chart.bars])
    plot = WIDTH - left - VALUE_ROOM
    ticks = nice_ticks(max((bar.value for bar in chart.bars), default=0))
    top = 28
    bars = []
    for i, bar in enumerate(chart.bars):
        y = top + i * ROW + (ROW - BAR_HEIGHT) / 2
        width = max(bar.value, 0) / ticks[-1] * plot
        bars.append(
            DrawnBar(
                label=short(bar.label),
                value=number(bar.value, chart.unit),
                y=round(y, 1),
                width=round(width, 1),
                text_y=round(y + BAR_HEIGHT / 2 + 4.5, 1),
                value_x=round(left + width + 6, 1),
            )
        )
    bottom = top + len(chart.bars) * ROW
    return {
        "height": bottom + 8,
        "left": left,
        "top": top,
        "bottom": bottom,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "ticks": [Tick(round(left + tick / ticks[-1] * plot, 1), number(tick)) for tick in ticks],
    }


# Lines


def marker(shape: str, x: float, y: float) -> str:
    """The path of a line's marker centred on (x, y)."""
    x, y = round(x, 1), round(y, 1)
    if shape == "circle":
        return f"M{round(x - 4, 1)},{y}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0z"
    if shape == "square":
        return f"M{round(x - 3.5, 1)},{round(y - 3.5, 1)}h7v7h-7z"
    if shape == "triangle":
        return f"M{x},{round(y - 5, 1)}l4.5,8h-9z"
    return f"M{x},{round(y - 5, 1)}l5,5l-5,5l-5,-5z"


def draw_lines(chart: charts.LineChart) -> dict:
    left, right, top = 56, 96, 16
    plot_width, plot_height = WIDTH - left - right, 220
    bottom = top + plot_height
    legend_top = bottom + 44
    count = len(chart.labels)
    figures = [v for series in chart.series for v in series.values if v is not None]
    ticks = nice_ticks(max(figures, default=0))

    def x_of(i: int) -> float:
        return round(left + (i * plot_width / (count - 1) if count > 1 else plot_width / 2), 1)

    def y_of(value: float) -> float:
        return round(bottom - max(value, 0) / ticks[-1] * plot_height, 1)

    every = math.ceil(count / MAX_X_LABELS)
    lines = []
    for index, series in enumerate(chart.series):
        colour, dash, shape = SERIES_STYLES[index % len(SERIES_STYLES)]
        points = [(x_of(i), y_of(v)) for i, v in enumerate(series.values) if v is not None]
        # A None breaks the line: each run of figures is a segment of its own.
        segments = "".join(
            "M" + "L".join(f"{x_of(i)},{y_of(v)}" for i, v in run)
            for is_figure, run in itertools.groupby(
                enumerate(series.values), key=lambda pair: pair[1] is not None
            )
            if is_figure
        )
        last = next((v for v in reversed(series.values) if v is not None), None)
        legend_y = legend_top + index * 22
        lines.append(
            {
                "name": series.name,
                "colour": colour,
                "dash": dash,
                "d": segments,
                "markers": "".join(marker(shape, x, y) for x, y in points),
                # the last figure written at the end of its line
                "last": last is not None
                and {
                    "x": points[-1][0] + 8,
                    "y": points[-1][1] + 4.5,
                    "text": number(last, chart.unit),
                },
                "legend": {
                    "y": legend_y,
                    "d": f"M{left},{legend_y}h32",
                    "marker": marker(shape, left + 16, legend_y),
                },
            }
        )
    return {
        "height": legend_top + len(lines) * 22,
        "left": left,
        "right": WIDTH - right,
        "top": top,
        "bottom": bottom,
        "ticks": [Tick(y_of(tick), number(tick)) for tick in ticks],
        "x_labels": [
            Tick(x_of(i), label)
            for i, label in enumerate(chart.labels)
            if (count - 1 - i) % every == 0
        ],
        "lines": lines,
    }


# Distributions


def draw_distribution(chart: charts.DistributionChart) -> dict:
    left = label_width([row.label for row in chart.rows])
    plot = WIDTH - left - VALUE_ROOM
    highs = [v for row in chart.rows for v in (row.spread.d9, row.spread.mean) if v is not None]
    ticks = nice_ticks(max(highs, default=0))
    top = 28

    def x_of(value: float) -> float:
        return round(left + max(value, 0) / ticks[-1] * plot, 1)

    rows = []
    for i, row in enumerate(chart.rows):
        middle = top + i * ROW + ROW / 2
        spread = row.spread
        drawn = {"label": short(row.label), "y": middle, "text_y": middle + 4.5}
        if spread.count:
            drawn |= {
                "d1": x_of(spread.d1),
                "q1": x_of(spread.q1),
                "median": x_of(spread.median),
                "q3": x_of(spread.q3),
                "d9": x_of(spread.d9),
                "box_width": round(x_of(spread.q3) - x_of(spread.q1), 1),
                "mean": marker("diamond", x_of(spread.mean), middle),
                "median_text": number(spread.median, chart.unit),
                "text_x": max(x_of(spread.d9), x_of(spread.mean) + 5) + 6,
            }
        rows.append(drawn)
    bottom = top + len(chart.rows) * ROW
    legend_y = bottom + 28
    return {
        "height": legend_y + 36,
        "left": left,
        "top": top,
        "bottom": bottom,
        "box_top": -BAR_HEIGHT / 2,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "ticks": [Tick(x_of(tick), number(tick)) for tick in ticks],
        "legend_y": legend_y,
        "legend_mean": marker("diamond", 31, legend_y + 22),
    }


# The map


@dataclass(frozen=True)
class MapClass:
    colour: str
    label: str


def map_classes(chart: charts.DepartmentMap) -> tuple[list[float], list[MapClass]]:
    """The breaks between the classes (the caller's, or the values' quintiles) and each
    class's colour and legend."""
    breaks = list(chart.breaks) or quintile_breaks(list(chart.values.values()))
    colours = [RAMP[i] for i in RAMP_FOR_CLASSES[len(breaks) + 1]]
    bounds = [None, *breaks, None]
    classes = []
    for colour, (low, high) in zip(colours, itertools.pairwise(bounds), strict=True):
        if low is None and high is None:
            label = _("all values")
        elif low is None:
            label = _("under %(high)s") % {"high": number(high, chart.unit)}
        elif high is None:
            label = _("%(low)s and over") % {"low": number(low, chart.unit)}
        else:
            label = _("%(low)s to under %(high)s") % {
                "low": number(low),
                "high": number(high, chart.unit),
            }
        classes.append(MapClass(colour, label))
    return breaks, classes


def quintile_breaks(values: list[float]) -> list[float]:
    """Up to four breaks cutting ``values`` into classes of about the same size, rounded as
    they are written, each once."""
    if len(set(values)) < 2:
        return []
    cuts = statistics.quantiles(values, n=5, method="inclusive")
    breaks = sorted({round(cut, 1) for cut in cuts})
    return [b for b in breaks if min(values) < b <= max(values)]


def draw_map(chart: charts.DepartmentMap) -> dict:
    outlines = departments_outline()
    breaks, classes = map_classes(chart)
    no_figure = _("no figure")
    departments = []
    for code, outline in outlines.departments.items():
        value = chart.values.get(code)
        # no fill: the template's hatch pattern
        fill = "" if value is None else classes[bisect.bisect_right(breaks, value)].colour
        departments.append(
            {
                "code": code,
                "d": outline.d,
                "fill": fill,
                "title": _("%(name)s: %(value)s")
                % {
                    "name": outline.name,
                    "value": no_figure if value is None else number(value, chart.unit),
                },
            }
        )
    _x, _y, width, height = (int(n) for n in outlines.view_box.split())
    legend_top = height + 20
    columns = 3
    legend = [
        {
            "x": 20 + (i % columns) * 330,
            "y": legend_top + (i // columns) * 40,
            "colour": item.colour,
            "label": item.label,
        }
        for i, item in enumerate(classes)
    ]
    legend.append(
        {
            "x": 20 + (len(classes) % columns) * 330,
            "y": legend_top + (len(classes) // columns) * 40,
            "colour": "",
            "label": no_figure,
        }
    )
    return {
        "width": width,
        "height": legend_top + math.ceil(len(legend) / columns) * 40,
        "departments": departments,
        "insets": outlines.insets,
        "legend": legend,
        "rows": [
            {
                "code": code,
                "name": outlines.departments[code].name if code in outlines.departments else "",
                "value": number(value, chart.unit),
                "href": chart.hrefs.get(code, ""),
            }
            for code, value in chart.sorted_values
        ],
    }


DRAWINGS = {
    charts.BarChart: draw_bars,
    charts.LineChart: draw_lines,
    charts.DistributionChart: draw_distribution,
    charts.DepartmentMap: draw_map,
}


def has_figures(chart) -> bool:
    if isinstance(chart, charts.BarChart):
        return bool(chart.bars)
    if isinstance(chart, charts.LineChart):
        return any(v is not None for series in chart.series for v in series.values)
    if isinstance(chart, charts.DistributionChart):
        return any(row.spread.count for row in chart.rows)
    return bool(chart.values)


def draw(chart) -> dict | None:
    """What the chart's template draws, or None when there is no figure to draw."""
    return DRAWINGS[type(chart)](chart) if has_figures(chart) else None

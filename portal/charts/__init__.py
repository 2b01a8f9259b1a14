"""Charts drawn on the server as accessible SVG: each chart has a title, a description and
the table of its figures right under it (``{% load charts %}{% chart c %}``), so it reads
without colour, without JavaScript and with a screen reader.

The kinds:

* ``BarChart``: one value per label (a partner, a region…), each bar possibly a link to the
  drill-down;
* ``LineChart``: one or more series over ordered labels (months of a trend);
* ``DistributionChart``: per label, the spread of many values (first decile, quartiles,
  median, ninth decile), not only their mean;
* ``DepartmentMap``: a value per department code, on a map of France.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str = ""  # the drill-down, when there is one


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: Sequence[Bar]
    label_header: str  # the table's first column ("Partenaire")
    value_header: str  # its second ("Maisons")
    unit: str = ""  # after each value ("h", "%"), empty for a count


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per label of the chart; None: no figure


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    labels: Sequence[str]  # the x axis, in order ("2025-01"…)
    series: Sequence[Series]
    label_header: str
    unit: str = ""

    @property
    def rows(self) -> list[tuple[str, list[float | None]]]:
        """Each label with its value in every series, for the table."""
        return [
            (label, [series.values[i] for series in self.series])
            for i, label in enumerate(self.labels)
        ]


@dataclass(frozen=True)
class Spread:
    """The quantiles of some values: ``quantiles(values)``."""

    count: int
    mean: float | None = None
    d1: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    d9: float | None = None

    @property
    def figures(self) -> list[float | None]:
        """The table's columns after the count."""
        return [self.d1, self.q1, self.median, self.q3, self.d9, self.mean]


def quantiles(values: Sequence[float]) -> Spread:
    """Count, mean, first decile, quartiles, median and ninth decile of ``values`` (the
    "inclusive" method: a quantile lies between the smallest and the largest value)."""
    values = sorted(values)
    if not values:
        return Spread(count=0)
    if len(values) == 1:
        only = float(values[0])
        return Spread(1, only, only, only, only, only, only)
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    quarters = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(
        count=len(values),
        mean=statistics.fmean(values),
        d1=deciles[0],
        q1=quarters[0],
        median=quarters[1],
        q3=quarters[2],
        d9=deciles[8],
    )


@dataclass(frozen=True)
class DistributionRow:
    label: str
    spread: Spread
    href: str = ""


@dataclass(frozen=True)
class DistributionChart:
    title: str
    description: str
    rows: Sequence[DistributionRow]
    label_header: str
    unit: str = ""


@dataclass(frozen=True)
class DepartmentMap:
    title: str
    description: str
    values: dict[str, float]  # by department code ("01"… "2A", "971"…); absent: no figure
    value_header: str
    unit: str = ""
    hrefs: dict[str, str] = field(default_factory=dict)  # drill-down per department
    # Up to four increasing values cutting the map into classes (below the first, from the
    # first to below the second…); empty: the values' quintiles.
    breaks: Sequence[float] = ()

    def __post_init__(self):
        if len(self.breaks) > 4 or list(self.breaks) != sorted(set(self.breaks)):
            raise ValueError("A map's breaks are at most four increasing values.")

    @property
    def sorted_values(self) -> list[tuple[str, float]]:
        return sorted(self.values.items())

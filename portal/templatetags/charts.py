"""``{% chart c %}``: a chart of ``portal.charts`` as a figure, its SVG then its table."""

import uuid

from django import template
from django.template.loader import render_to_string

from portal import charts
from portal.charts import drawing

register = template.Library()

TEMPLATES = {
    charts.BarChart: "portal/charts/bar.html",
    charts.LineChart: "portal/charts/line.html",
    charts.DistributionChart: "portal/charts/distribution.html",
    charts.DepartmentMap: "portal/charts/map.html",
}


@register.simple_tag
def chart(figure):
    """The figure; its SVG's ids (title, description, patterns) are unique on the page."""
    return render_to_string(
        TEMPLATES[type(figure)],
        {
            "chart": figure,
            "drawing": drawing.draw(figure),
            "colours": drawing.COLOURS,
            "uid": f"chart-{uuid.uuid4().hex}",
        },
    )


@register.filter
def chart_number(value, unit=""):
    """A chart's figure as the SVG writes it: the active language's format, with its unit."""
    return drawing.number(value, unit)

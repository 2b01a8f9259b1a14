"""``{% chart c %}``: a chart of ``portal.charts`` as a figure, its SVG then its table."""

from django import template
from django.template.loader import render_to_string

from portal import charts

register = template.Library()

TEMPLATES = {
    charts.BarChart: "portal/charts/bar.html",
    charts.LineChart: "portal/charts/line.html",
    charts.DistributionChart: "portal/charts/distribution.html",
    charts.DepartmentMap: "portal/charts/map.html",
}


@register.simple_tag
def chart(figure):
    return render_to_string(TEMPLATES[type(figure)], {"chart": figure})

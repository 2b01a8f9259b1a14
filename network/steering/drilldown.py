"""The drill-down (``/espace-agents/pilotage/maisons/?<filters>&indicateur=<slug>``): the
maisons behind a figure of the dashboards, with that indicator's value; ``?format=csv``
downloads them all."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from .scope import SteeringScope


@dataclass(frozen=True)
class Indicator:
    slug: str
    title: str  # the page's heading: "Maisons below the label's minimum"
    value_header: str  # the value's column in the table
    csv_column: str  # and in the CSV
    maisons: Callable[[QuerySet], QuerySet]  # the scope's maisons -> those listed, annotated
    value: Callable[[Any], Any]  # a listed maison -> its value


def drilldown_url(scope: SteeringScope, indicator: str, **filters: str) -> str:
    """The list of the scope's maisons behind ``indicator``, ``filters`` replacing the
    scope's own ("department": "34")."""
    query = {
        "region": scope.region.code if scope.region else "",
        "department": scope.department.code if scope.department else "",
        "format_fs": scope.format,
        "partner": scope.partner.slug if scope.partner else "",
        **filters,
        "indicateur": indicator,
    }
    query = {key: value for key, value in query.items() if value}
    return f"{reverse('steering:maisons')}?{urlencode(query)}"

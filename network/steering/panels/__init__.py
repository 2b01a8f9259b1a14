"""The dashboards' panels of the network's own data: freshness of the maisons'
information, forums, escalations (each registered in ``network.wagtail_hooks``)."""

from urllib.parse import urlencode

from ..scope import SteeringScope


def with_filters(scope: SteeringScope, **params) -> str:
    """A query string ("?…") keeping the dashboards' filters and adding ``params``: a
    panel's drill-down on its own page."""
    parts = [scope.querystring] if scope.querystring else []
    if params:
        parts.append(urlencode(params))
    return f"?{'&'.join(parts)}" if parts else ""

"""System checks of the deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Caches in each process's memory are right for one process only: another process
    would not see a publish (its content version would not move) and would serve stale
    pages, routes and fragments until they expire."""
    local = [
        alias
        for alias, options in settings.CACHES.items()
        if options["BACKEND"].endswith("LocMemCache")
    ]
    if not local:
        return []
    return [
        Warning(
            f"The caches {', '.join(local)} live in each process's memory.",
            hint="Set REDIS_URL when the site runs in more than one process.",
            id="portal.W001",
        )
    ]

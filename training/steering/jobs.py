"""Background jobs of the steering pages that write (the e-mails are in ``tasks``)."""

from django_tasks import task

from . import services


@task(backend="background")
def rebuild_trained_agents() -> None:
    """``services.rebuild_trained_agents``, after the definition or the plan changed."""
    services.rebuild_trained_agents()

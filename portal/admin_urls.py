"""Admin addresses shared by the apps' ``wagtail_hooks``."""

from django.urls import path


def report_paths(route: str, view_class, name: str) -> list:
    """A Wagtail report's page at ``reports/<route>/`` and its results fragment (which
    its filters reload), named ``name`` and ``name_results``."""
    return [
        path(f"reports/{route}/", view_class.as_view(), name=name),
        path(
            f"reports/{route}/results/",
            view_class.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]

"""Public directory addresses served outside the page tree (the open-data exports)."""

from django.urls import path

from directory.maisons import views
from directory.maisons.exports import DATASETS

OPEN_DATA = "maisons/donnees-ouvertes/"

urlpatterns = [
    path(OPEN_DATA, views.open_data, name="open_data"),
    # open_data_csv, open_data_geojson, open_data_structures
    *(
        path(
            f"{OPEN_DATA}{dataset.filename}",
            views.open_data_file,
            {"name": dataset.name},
            name=f"open_data_{dataset.name}",
        )
        for dataset in DATASETS.values()
    ),
]

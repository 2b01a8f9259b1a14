from django.urls import path, re_path

from . import views

app_name = "activity"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export, name="export"),
    path("importer/", views.import_file, name="import"),
    re_path(r"^(?P<month>\d{4}-\d{2})/$", views.month, name="month"),
]

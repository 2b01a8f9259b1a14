import json
from pathlib import Path

from django.core.management.base import BaseCommand

from portal.charts import boundaries


class Command(BaseCommand):
    help = (
        "Derive the departments' map (portal/charts/data/departments.json) from an open "
        "GeoJSON of French departments with overseas (e.g. gregoiredavid/france-geojson's "
        "departements-avec-outre-mer.geojson): projected, simplified (Douglas–Peucker) and "
        "rounded to whole units of the SVG."
    )

    def add_arguments(self, parser):
        parser.add_argument("geojson", type=Path)
        parser.add_argument("out", type=Path, nargs="?", default=boundaries.OUTLINE_FILE)
        parser.add_argument(
            "--source",
            default="https://github.com/gregoiredavid/france-geojson "
            "(departements-avec-outre-mer.geojson)",
            help="Where the GeoJSON comes from, written into the file.",
        )

    def handle(self, *args, geojson, out, source, **options):
        data = boundaries.build(json.loads(geojson.read_text(encoding="utf-8")), source)
        out.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":"), indent=0) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(
            f"{len(data['departments'])} departments, {out.stat().st_size // 1024} KB: {out}"
        )

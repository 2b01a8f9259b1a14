from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.importers import ImportSourceError, open_source, parse_france_services
from directory.maisons.services import import_maisons
from portal.database import refresh_statistics


class _DryRunRollback(Exception):
    """Raised to roll back a dry run once its summary is known."""


class Command(BaseCommand):
    help = (
        "Import the official list of France Services (the 2024 CSV or the 2020 GeoJSON), "
        "from a file or an http(s) address. The last line printed is the summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="path or http(s) URL of the CSV or GeoJSON file")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument("--report", help="write every issue, one per line, to this file")
        parser.add_argument(
            "--unpublish-missing",
            action="store_true",
            help="unpublish imported maisons that are no longer in the file",
        )

    def handle(self, *args, source, dry_run, report, unpublish_missing, **options):
        try:
            data, name = open_source(source)
            results = list(parse_france_services(data, name))
        except ImportSourceError as error:
            raise CommandError(str(error)) from error
        summary = None
        try:
            with transaction.atomic():
                summary = import_maisons(
                    results, unpublish_missing=unpublish_missing, log=self.stdout.write
                )
                if dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            self.stdout.write("Dry run: nothing was written.")
        else:
            refresh_statistics()
        for issue in summary.issues[:20]:
            self.stderr.write(issue)
        if len(summary.issues) > 20:
            self.stderr.write(f"… and {len(summary.issues) - 20} more issues (see --report).")
        if report:
            Path(report).write_text("\n".join(summary.issues) + "\n", encoding="utf-8")
        if summary.unpublished:
            self.stdout.write(f"unpublished={summary.unpublished}")
        self.stdout.write(summary.line())

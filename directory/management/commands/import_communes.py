from django.core.management.base import BaseCommand, CommandError

from directory.importers import ImportSourceError, open_source, parse_communes
from directory.territories.services import import_communes


class Command(BaseCommand):
    help = "Import French communes and their postcodes (communes CSV). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("source", help="path or http(s) URL of the communes CSV file")

    def handle(self, *args, source, **options):
        try:
            data, _ = open_source(source)
            summary = import_communes(parse_communes(data))
        except ImportSourceError as error:
            raise CommandError(str(error)) from error
        for issue in summary.issues:
            self.stderr.write(issue)
        self.stdout.write(summary.line())

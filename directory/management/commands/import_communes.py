from itertools import chain

from django.core.management.base import BaseCommand, CommandError

from directory.importers import ImportSourceError, open_source, parse_communes
from directory.territories.services import import_communes, reference_commune_records
from portal.database import refresh_statistics


class Command(BaseCommand):
    help = (
        "Import French communes and their postcodes (communes CSV), with the communes the "
        "file lacks (Paris, Lyon and Marseille as whole cities, the overseas "
        "collectivities). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="path or http(s) URL of the communes CSV file")

    def handle(self, *args, source, **options):
        try:
            data, _ = open_source(source)
            summary = import_communes(chain(parse_communes(data), reference_commune_records()))
        except ImportSourceError as error:
            raise CommandError(str(error)) from error
        refresh_statistics()
        for issue in summary.issues:
            self.stderr.write(issue)
        self.stdout.write(summary.line())

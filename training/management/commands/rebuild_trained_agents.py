from django.core.management.base import BaseCommand

from training.steering.services import rebuild_trained_agents


class Command(BaseCommand):
    help = (
        "Count again who is trained under the current definition of a trained agent "
        "(run daily by cron: the plan's modules may have changed)."
    )

    def handle(self, *args, **options):
        count = rebuild_trained_agents()
        self.stdout.write(f"trained_agents={count}")

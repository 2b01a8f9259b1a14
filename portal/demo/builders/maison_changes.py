"""The maisons' changes of the demo (``content/maison_changes/changes.yaml``): proposed by
the demo agents through the app's own service, some sent back; each maison's once (a maison
with any change is left as it is)."""

import yaml

from network.maison_changes import proposal, services
from network.maison_changes.models import MaisonChange
from network.models import AgentProfile
from portal.demo.loader import CONTENT
from portal.models import User


def build(log) -> None:
    data = yaml.safe_load(
        (CONTENT / "maison_changes" / "changes.yaml").read_text(encoding="utf-8")
    )
    built = 0
    for row in data["changes"]:
        profile = AgentProfile.objects.select_related("maison", "user").get(
            user__email=row["agent"]
        )
        maison = profile.maison
        if maison is None or MaisonChange.objects.filter(maison=maison).exists():
            continue
        state = proposal.current_state(maison)
        for section, value in row["sections"].items():
            state[section] = {**state[section], **value} if isinstance(value, dict) else value
        change = services.propose(maison=maison, sections=state, user=profile.user)
        if "sent_back" in row:
            services.send_back(
                change_pk=change.pk,
                user=User.objects.get(email=row["sent_back"]["by"]),
                comment=row["sent_back"]["comment"],
            )
        built += 1
    log(f"Maisons' changes: {built} new")

"""A new site: the pages of ``site.yaml`` in French and English (home page, directory,
procedure guides, partners, legal notice, personal data, accessibility statement, site
map, menus and footer), the INSEE regions and departments and the admin groups, built by
the demo's builders through the apps' own services, without any demo content.

Idempotent: pages are found by their address before being created, so running it again
leaves the site, and what editors changed, as it is.
"""

from pathlib import Path

import yaml
from django.contrib.auth.models import Group

from directory.territories.services import ensure_geography
from portal.demo import loader
from portal.demo.builders import forums, network, site, training

CONTENT = Path(__file__).resolve().parent / "site.yaml"


def build(log) -> None:
    ensure_geography()
    content = loader.checked_site(yaml.safe_load(CONTENT.read_text(encoding="utf-8")))
    site.build(content, log)
    site.build_navigation(content, log)
    groups = loader.admin_groups()
    network.build_groups(groups, log)
    editors = next(group["name"] for group in groups if group["key"] == "national_editors")
    training.build_tree(approvers=Group.objects.get(name=editors), log=log)
    forums.build_spaces(log)

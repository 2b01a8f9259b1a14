"""The page tree every test starts from: ``tests/data/skeleton.yaml`` built with the demo's
own builders (the same services editors' actions use), the INSEE regions and
departments and the admin groups, without any demo content."""

from pathlib import Path

import yaml

from directory.guides.services import ensure_guide_index
from directory.territories.services import ensure_geography
from home import factories
from portal.demo import loader
from portal.demo.builders import directory, network, site

SKELETON = Path(__file__).parent / "data" / "skeleton.yaml"


def build() -> None:
    data = yaml.safe_load(SKELETON.read_text(encoding="utf-8"))
    ensure_geography()  # the INSEE regions and departments: reference data, not demo
    site.build(data["site"], log=lambda message: None)
    directory.ensure_directory_translations(data["directory_index"])
    guide_index = ensure_guide_index()
    for language_code, fields in data["guide_index"].items():
        factories.ensure_translation(guide_index, language_code=language_code, **fields)
    directory.ensure_partner_index(data["partner_index"])
    site.build_navigation(data["site"], log=lambda message: None)
    # The admin groups and their permissions: the site's configuration, built always.
    network.build_groups(loader.admin_groups(), log=lambda message: None)

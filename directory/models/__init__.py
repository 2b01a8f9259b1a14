from .geography import Commune, CommunePostcode, Department, Region
from .guides import GuideAudience, GuideIndexPage, GuidePage, GuideTheme
from .maisons import (
    Closure,
    DirectoryIndexPage,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    PartnerPresence,
)
from .partners import Partner

__all__ = [
    "Closure",
    "Commune",
    "CommunePostcode",
    "Department",
    "DirectoryIndexPage",
    "GuideAudience",
    "GuideIndexPage",
    "GuidePage",
    "GuideTheme",
    "ItineraryStop",
    "MaisonPage",
    "OpeningInterval",
    "Partner",
    "PartnerPresence",
    "Region",
]

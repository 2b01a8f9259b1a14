from .geography import Commune, CommunePostcode, Department, Region
from .guides import GuideAudience, GuideFeedback, GuideIndexPage, GuidePage, GuideTheme
from .maisons import (
    Closure,
    DirectoryIndexPage,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    PartnerPresence,
)
from .partners import Partner, PartnerIndexPage

__all__ = [
    "Closure",
    "Commune",
    "CommunePostcode",
    "Department",
    "DirectoryIndexPage",
    "GuideAudience",
    "GuideFeedback",
    "GuideIndexPage",
    "GuidePage",
    "GuideTheme",
    "ItineraryStop",
    "MaisonPage",
    "OpeningInterval",
    "Partner",
    "PartnerIndexPage",
    "PartnerPresence",
    "Region",
]

"""Every model of the app, for Django and for the other apps; each lives in its domain's
sub-package (``directory.<domain>.models``)."""

from directory.guides.models import (
    GuideAudience,
    GuideFeedback,
    GuideIndexPage,
    GuidePage,
    GuideTheme,
)
from directory.maisons.models import (
    Closure,
    DirectoryIndexPage,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    PartnerPresence,
)
from directory.partners.models import Partner, PartnerIndexPage
from directory.territories.models import Commune, CommunePostcode, Department, Region

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

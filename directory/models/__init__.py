from .geography import Commune, CommunePostcode, Department, Region
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
    "ItineraryStop",
    "MaisonPage",
    "OpeningInterval",
    "Partner",
    "PartnerPresence",
    "Region",
]

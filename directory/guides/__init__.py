"""Procedure guides ("fiches démarches"): GuidePage, themes and audiences, the listing and
its filters, "get help near you", visitors' feedback and review reminders."""

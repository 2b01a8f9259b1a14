"""The France Services: MaisonPage and its hours, closures, partner presences and tour
stops; opening rules (``hours``), recurrences, nearby search, the map, iCalendar, JSON-LD,
the API, the official import and the open-data exports."""

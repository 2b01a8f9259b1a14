"""SCORM 1.2: package validation and storage (``package``), run-time data (``runtime``)."""

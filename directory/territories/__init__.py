"""Regions, departments and communes (INSEE reference data), and geocoding: where a
place typed by a visitor is."""

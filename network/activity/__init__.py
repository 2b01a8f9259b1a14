"""Activity reporting: each maison's agents report the month's visits by partner and theme
(a form or a CSV import), corrections keep the previous figures, reminders go out at the
start of each month, and the dashboards' "activity" panel reads the figures."""

"""Coordinators' steering of training: who counts as trained, each maison's trained agents,
the agents-by-modules matrix of a territory, and reminders to late agents."""

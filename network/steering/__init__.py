"""Steering the network: the dashboards of the national cell and the coordinators
(``/espace-agents/pilotage/``), each indicator a registered ``SteeringPanel``."""

"""The partners (operators present in the maisons) and the partner pages."""

"""Builders of the demo site: each takes parsed content (``portal.demo.loader``) and
builds it through its app's services and factories, as an editor's action would."""

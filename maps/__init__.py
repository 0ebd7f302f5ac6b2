"""Rendering of the caspian-gis catalog as interactive maps, and the ``caspian`` command line."""

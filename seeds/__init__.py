"""Seed documents of caspian-gis, shipped as package data (see manifest.json)."""

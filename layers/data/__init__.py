"""The layer catalog: one GeoJSON FeatureCollection per layer (see docs/catalog-schema.md)."""

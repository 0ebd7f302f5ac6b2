"""The cited layer catalog of caspian-gis: data, citations, loading, validation and exports."""

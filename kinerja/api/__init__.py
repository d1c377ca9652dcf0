"""The REST API under /api/v1/ (docs/api.md): reads of the catalog, plans, realizations and the
one read model of figures; realization writes through kinerja.measurement.services."""

"""The catalogue's domain: models, fiscal years and the national registry."""

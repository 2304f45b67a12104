"""dxready: municipal online-readiness catalogues as checked YAML."""

__version__ = "0.1.0"

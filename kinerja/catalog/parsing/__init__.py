"""Parser for IKI decrees (Keputusan ... tentang Penetapan Indikator Kinerja Individu).

Pure Python, no Django: the importer, the management commands and the tests all call
``parse_decree`` and get the catalog's exchange document (see docs/catalog-format.md).
"""

from .decree import FORMAT, parse_decree
from .errors import DecreeParseError

__all__ = ["FORMAT", "DecreeParseError", "parse_decree"]

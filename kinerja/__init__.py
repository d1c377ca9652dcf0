"""kinerja: performance indicators (IKI/IKU) for Indonesian regional government offices."""

__version__ = "0.1.0"

"""All SQL lives in this package."""

from redline.store.db import Store

__all__ = ["Store"]

"""The dashboard: server-rendered pages and a JSON API over a store (``redline serve``)."""

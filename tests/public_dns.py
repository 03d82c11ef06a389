"""A resolver for tests that answers one public address for every name, so that URLs
on made-up hosts pass the host guard without any DNS lookup."""

from __future__ import annotations

from redline.ingest.guard import Guard

PUBLIC_ADDRESS = "93.184.215.14"


def public_resolver(host: str) -> list[str]:
    return [PUBLIC_ADDRESS]


PUBLIC = Guard(resolver=public_resolver)

"""Token secrets: made, shown once, kept only as a digest.

A token reads ``knj_<prefix>_<secret>``: the prefix (public, unique) finds the row, the SHA-256
digest of the whole token is compared in constant time. The secret has 256 random bits, so a
fast digest is enough (a slow password hash protects guessable passwords, not random keys)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "knj"


def make_token() -> tuple[str, str, str]:
    """A new token: (the token to show once, its public prefix, its digest to store)."""
    prefix = secrets.token_hex(6)
    token = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, digest_of(token)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> str | None:
    """The prefix of a well-formed token, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 12 or not parts[2]:
        return None
    return parts[1]


def matches(token: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(token), digest)

"""Helpers every app shares: Indonesian numbers, reporting periods, validation messages.

One home so that no app imports a sibling for a helper (docs/architecture.md). Pure modules:
`numbers` and `periods` import no Django; `errors` only reads Django's ValidationError.
"""

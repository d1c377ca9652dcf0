"""Error and warning types shared by the decree parser modules."""

from __future__ import annotations


class DecreeParseError(ValueError):
    """Input that cannot be read as an IKI decree.

    Carries the 1-based line so an importer can point the user at the place to fix, and a plain
    English message on one line so it can be shown as is.
    """

    def __init__(self, line: int, message: str) -> None:
        self.line = max(1, int(line))
        self.message = " ".join(str(message).split())
        super().__init__(self.line, self.message)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class Warnings:
    """Collects non-fatal oddities; the decree is still usable, but a person should look."""

    def __init__(self) -> None:
        self._items: list[tuple[int, int, str]] = []

    def add(self, line: int, message: str) -> None:
        self._items.append((line, len(self._items), " ".join(message.split())))

    def as_list(self) -> list[dict[str, object]]:
        """Sorted by line (then by emission order) so the output does not depend on parse order."""
        return [{"line": line, "message": msg} for line, _, msg in sorted(self._items)]

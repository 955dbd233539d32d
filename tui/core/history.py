"""Back and forward through a reader's jumps, as in a browser."""

from __future__ import annotations

from .nav import Target


class History:
    """Back/forward through jumps, as in a browser."""

    def __init__(self) -> None:
        self.items: list[Target] = []
        self.position = -1

    def push(self, target: Target, *, replace: bool = False) -> None:
        if 0 <= self.position < len(self.items) and self.items[self.position] == target:
            return
        del self.items[self.position + 1 :]
        if replace and self.items:
            self.items[-1] = target
        else:
            self.items.append(target)
        self.position = len(self.items) - 1

    def back(self) -> Target | None:
        if self.position > 0:
            self.position -= 1
            return self.items[self.position]
        return None

    def forward(self) -> Target | None:
        if self.position + 1 < len(self.items):
            self.position += 1
            return self.items[self.position]
        return None

"""Textual's Header, safe against a screen that is removed while it mounts.

Header's title watcher queries its HeaderTitle child and only tolerates
NoScreen; when a screen is switched away right after it is pushed (a fast
library load, a quick q), the child can already be gone and NoMatches would
crash the app. This subclass tolerates both.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class SafeHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # Header's own handler is the one that can crash

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        for obj in (self.app, self.screen):
            self.watch(obj, "title", set_title)
            self.watch(obj, "sub_title", set_title)

"""Shown while a library loads in a worker: a progress bar, and the UI stays live."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from ..widgets.header import SafeHeader as Header


class LoadingScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("question_mark,f1", "app.help", "Help", key_display="?")]

    def compose(self):
        yield Header()
        with Vertical(id="loading"):
            yield Static("Loading the library…", id="loading-label", markup=False)
            yield ProgressBar(id="loading-bar", show_eta=False)
        yield Footer()

    def progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=done)
        label = self.query_one("#loading-label", Static)
        label.update(f"Loading the library… {done} of {total} files", layout=False)

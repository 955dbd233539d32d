"""The reader's search prompt: one line above the footer, like less's ``/``.

It shows ``/``, the query with its cursor, and a status on the right ("3/17",
or "no match for …"). While it has focus, printable keys only type; ↓/↑ and
ctrl+n/ctrl+p move through the results list, Enter submits and Escape
cancels, each as a message for the screen to act on.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class SearchPrompt(Horizontal):
    BINDINGS = [
        Binding("down,ctrl+n", "move(1)", "Next result", show=False),
        Binding("up,ctrl+p", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(5)", "Results page down", show=False),
        Binding("pageup", "move(-5)", "Results page up", show=False),
        Binding("escape", "cancel", "Cancel search", show=False),
    ]

    class Changed(Message):
        """The query text changed (incremental search)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Move(Message):
        """Move the results cursor by ``step`` (the prompt keeps focus)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Submitted(Message):
        """Enter in the prompt."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cancelled(Message):
        """Escape in the prompt."""

    def compose(self):
        yield Static(Content("/"), id="search-slash")
        yield Input(id="search-input", compact=True, select_on_focus=False)
        yield Static(Content(""), id="search-status")

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @value.setter
    def value(self, text: str) -> None:
        self.query_one(Input).value = text

    def open(self) -> None:
        # focus now, not after the keys already queued: a fast typist's (or a
        # paste's) first letters must land in the prompt, not run commands
        self.screen.set_focus(self.query_one(Input))

    def set_status(self, status: Content) -> None:
        self.query_one("#search-status", Static).update(status)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(step))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

"""The help screen: every key binding, grouped as a reader learns them.

A test checks that each key bound on the reader screen is listed here."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..render import join

#: (keys, what they do) in the order a reader learns them.
KEYS: list[tuple[str, str]] = [
    ("j / k, ↓ / ↑", "line down / up"),
    ("space / b, PgDn / PgUp", "page down / up (also f / ctrl+f and ctrl+b in the reader)"),
    ("d / ctrl+d, ctrl+u", "half a page down / up"),
    ("u", "up to the heading of the section you are in; again, to the top"),
    ("g / G, Home / End", "top / bottom"),
    ("] / [", "next / previous section"),
    ("tab / shift+tab", "next / previous quote or claim in the reader; elsewhere, focus moves on"),
    ("enter", "follow the selected item"),
    ("o  r  v  x", "focus the outline, reader, quotes or cross-references (on small terminals, v shows the quotes)"),
    ("e", "open the entity view of the current quote or claim's speaker"),
    ("/", "search the whole text: a prompt above the footer; ↓ / ↑ walk the results, enter goes there"),
    ("n / N", "next / previous match, in reading order"),
    ("c", "copy the selected quote or claim as a citation"),
    ("E", "edit the article in $VISUAL / $EDITOR at the selected quote, claim or section; the edit shows on return"),
    ("m", "bookmark the current quote or claim, or the section in view"),
    ("B", "the bookmarks (d deletes one)"),
    ("p", "the current speaker, or the selected person, across every article"),
    ("escape", "close the pane or prompt on top; else clear the search highlights (the query is kept)"),
    ("alt+← / alt+→, backspace", "back / forward through places you jumped to"),
    ("ctrl+o / ctrl+x", "show or hide the outline / cross-references"),
    ("z", "reader only: the text alone, the whole width (z again: the panes)"),
    ("?, f1", "this help"),
    ("q", "close the overlay you are in, go back to the library, or quit"),
    ("ctrl+p", "command palette"),
    ("ctrl+q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("q,escape,question_mark", "close", "Close")]

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(join(("Quoth — keys", "bold")), id="help-title")
            width = max(len(k) for k, _ in KEYS) + 2
            lines = [join((k.ljust(width), "bold $accent"), (d, "")) for k, d in KEYS]
            body = lines[0]
            for line in lines[1:]:
                body = join(body, "\n", line)
            yield Static(body, id="help-body")
            yield Static(
                join(
                    ("In the library: ", "bold"),
                    ("type to filter · ↑/↓ and enter to open · click a column or ctrl+s to sort, ctrl+r to reverse · / searches every article · ctrl+q quits", ""),
                ),
                id="help-library",
            )
            yield Static(join(("Quote marks: ", "dim"), ("bold", "bold"), (" direct  ", "dim"), ("italic", "italic"), (" reported speech; ", "dim"), ("underlined", "underline"), (" names are entity mentions. Colours tell speakers apart.", "dim")), id="help-legend")

    def action_close(self) -> None:
        self.dismiss(None)

"""The help screen: the keys of the screen it was opened from.

The list is built from that screen's bindings, then each of its panes'
(the focused pane's first), then the app's, so it cannot drift from what
the keys do. :data:`DESCRIPTIONS` gives an action longer words than a
footer label has room for, and orders them as a reader learns them; a
screen can add its own with a ``KEY_HELP`` mapping of action to words, and a
paragraph of notes with ``HELP_NOTES``. Each key is one row: the keys in a
fixed column, the words beside them, so wrapped lines keep their indent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..render import join, safe

#: action -> what it does, in the order a reader learns the keys.
DESCRIPTIONS: dict[str, str] = {
    "scroll_down": "line down",
    "scroll_up": "line up",
    "cursor_down": "next item",
    "cursor_up": "previous item",
    "page_down": "page down",
    "page_up": "page up",
    "half_page(1)": "half a page down",
    "half_page(-1)": "half a page up",
    "scroll_home": "top",
    "scroll_end": "bottom",
    "first": "first item",
    "last": "last item",
    "section(1)": "next section",
    "section(-1)": "previous section",
    "next_mark": "next quote or claim in the text",
    "previous_mark": "previous quote or claim in the text",
    "follow": "follow the selected item",
    "choose": "open the highlighted item",
    "select": "open the highlighted item",
    "open": "open the highlighted article",
    "focus_pane('outline')": "focus the outline",
    "focus_pane('reader')": "focus the text",
    "focus_pane('quotes')": "focus the quotes (on small terminals, show them)",
    "focus_pane('xrefs')": "focus the cross-references",
    "entity": "the entity view of the current speaker",
    "search": "search the whole text: a prompt above the footer; ↓ / ↑ walk the results, enter goes there",
    "match(1)": "next match, in reading order",
    "match(-1)": "previous match, in reading order",
    "clear_search": "close the pane or prompt on top; else clear the search highlights (the query is kept)",
    "edit": "edit the article in $VISUAL / $EDITOR at the selected item; the edit shows on return",
    "reader_only": "reader only: the text alone, the whole width (again: the panes)",
    "cite": "copy the selected quote or claim as a citation",
    "bookmark": "bookmark the current quote or claim, or the section in view",
    "bookmarks": "the bookmarks (d deletes one)",
    "person": "this person across every article of the library",
    "back": "back to where you jumped from",
    "forward": "forward again",
    "toggle_pane('outline')": "show or hide the outline",
    "toggle_pane('xrefs')": "show or hide the cross-references",
    "help": "this help",
    "close": "close this view",
    "quit": "close the overlay you are in, go back to the library, or quit",
    "command_palette": "command palette",
}

#: Inherited actions that do nothing in Quoth's panes (nothing scrolls sideways).
_NOT_HERE = {"scroll_left", "scroll_right", "page_left", "page_right"}

#: How a key is written in the help (Textual's own names otherwise).
KEY_NAMES = {
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "enter": "enter",
    "escape": "escape",
    "backspace": "backspace",
    "delete": "delete",
}


def key_name(key: str, display: str | None = None) -> str:
    if display:
        return display
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if "ctrl+" in key:
        return key  # "ctrl+b", not "^b": help is read by people new to the keys
    modifiers, _, base = key.rpartition("+")
    shown = format_key(base)
    return f"{modifiers}+{shown}" if modifiers else shown


def _title(node: DOMNode) -> str:
    title = getattr(node, "HELP_TITLE", None)
    if title:
        return str(title)
    name = type(node).__name__
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    if isinstance(node, Screen):
        words = words.removesuffix(" screen")
        return words[:1].upper() + words[1:]
    return f"In the {words}"


def _declared(node: DOMNode) -> set[str] | None:
    """For a screen or the app, the actions Quoth's own classes bind (and the
    palette); None for a pane, whose inherited keys all work in it."""
    if not isinstance(node, (Screen, App)):
        return None
    actions = {"command_palette", "quit"}
    for cls in type(node).__mro__:
        if cls.__module__.startswith("tui."):
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding):
                    actions.add(binding.action)
    return actions


def _rows(nodes: Iterable[DOMNode], seen: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(title, keys, words) for the bindings of ``nodes``, one row an action."""
    rows: list[tuple[str, str, str]] = []
    order = list(DESCRIPTIONS)
    for node in nodes:
        own: dict[str, Any] = getattr(node, "KEY_HELP", {})
        if isinstance(node, App):
            own = {"quit": "quit", "command_palette": "command palette", **own}
        actions: dict[str, list[str]] = {}
        words: dict[str, str] = {}
        mine = _declared(node)
        for key, binding in node._bindings:
            if binding.system or not (binding.description or binding.action in own or binding.action in DESCRIPTIONS):
                continue
            if binding.action in _NOT_HERE:
                continue
            if mine is not None and binding.action not in mine:
                continue  # Textual's own screen and app keys (focus next, copy) are not ours to explain
            text = own.get(binding.action) or DESCRIPTIONS.get(binding.action) or binding.description.lower()
            name = key_name(key)
            names = actions.setdefault(binding.action, [])
            if name not in names:
                names.append(name)
            words[binding.action] = text
        mine_first = list(own)
        ranked = sorted(
            actions,
            key=lambda a: (mine_first.index(a), 0) if a in mine_first else (len(own), order.index(a) if a in order else len(order)),
        )
        for action in ranked:
            keys = " ".join(actions[action])
            if (keys, words[action]) in seen:
                continue
            seen.add((keys, words[action]))
            rows.append((_title(node), keys, words[action]))
    return rows


def keys_of(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """Every key that works on ``screen``: (group, keys, what they do)."""
    seen: set[tuple[str, str]] = set()
    focused = screen.focused
    panes = [n for n in screen.walk_children(with_self=False) if type(n).__module__.startswith("tui.")]
    if focused is not None and focused in panes:
        panes.remove(focused)
        panes.insert(0, focused)
    rows = [(_title(screen), k, w) for _, k, w in _rows([screen], seen)]
    rows += _rows(panes, seen)
    rows += [("Everywhere", k, w) for _, k, w in _rows([screen.app], seen)]
    return rows


class HelpBody(VerticalScroll):
    """The help text: scrolls like less, at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll", key_display="j/k"),
        Binding("down", "scroll_down", "Scroll", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page", key_display="space/b"),
        Binding("pagedown,f,ctrl+f", "page_down", "Page", show=False),
        Binding("b,pageup,ctrl+b", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)


class HelpScreen(ModalScreen[None]):
    """The keys of ``screen`` (by default the screen it is opened over)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("question_mark,f1", "close", "Close", show=False),
    ]

    def __init__(self, screen: Screen[Any] | None = None) -> None:
        super().__init__()
        if screen is None:
            from textual._context import active_app

            screen = active_app.get().screen
        self.described = screen
        self.rows = keys_of(screen)

    def compose(self) -> ComposeResult:
        with HelpBody(id="help"):
            name = _title(self.described)
            yield Static(join((f"Quoth — keys in the {name.lower()}", "bold")), id="help-title")
            group = None
            for title, keys, words in self.rows:
                if title != group:
                    group = title
                    yield Static(safe(title, "bold $secondary"), classes="help-group")
                with Horizontal(classes="help-row"):
                    yield Static(safe(keys, "bold $accent"), classes="help-keys")
                    yield Static(safe(words), classes="help-words")
            notes = getattr(self.described, "HELP_NOTES", None)
            if notes:
                yield Static(safe(str(notes), "dim"), id="help-notes")
            if self.described.query("Reader"):
                yield Static(
                    join(("Quote marks: ", "dim"), ("bold", "bold"), (" direct  ", "dim"), ("italic", "italic"),
                         (" reported speech; ", "dim"), ("underlined", "underline"),
                         (" names are entity mentions. Colours tell speakers apart.", "dim")),
                    id="help-legend",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(HelpBody).focus()

    def action_close(self) -> None:
        self.dismiss(None)

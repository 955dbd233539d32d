"""Key bindings shared by the list-like panes: the keys of terminal readers."""

from textual.binding import Binding

#: j/k move, g/G go to the first/last item (OptionList actions).
LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]

"""The reader pane: the article as one scrollable text, quotes marked inline.

- :mod:`.widget`: the :class:`Reader` (keys, marks, position, the API the
  screen calls);
- :mod:`.view`: laying out only the blocks near the view, the anchor that
  keeps the text in place;
- :mod:`.layout`: the blocks and how one block's Content is spliced;
- :mod:`.content`: what each block shows;
- :mod:`.search`: the search highlights and matches.
"""

from .search import Match
from .widget import Reader

__all__ = ["Match", "Reader"]

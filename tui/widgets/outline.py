"""The outline: the article, its sections in reading order, and under each
section its quotes and claims. Moving in the tree moves the reader."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.text import shorten
from ..messages import Follow
from ..render import safe_text


class Outline(Tree[Target]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, index: ArticleIndex, **kwargs) -> None:
        article = index.article
        super().__init__(safe_text(article.meta.title, "bold"), data=None, **kwargs)
        self.index = index
        self.show_root = True
        self.guide_depth = 2
        self.auto_expand = False
        self._target_nodes: dict[Target, TreeNode[Target]] = {}
        for number, section in enumerate(article.doc.sections, 1):
            target = Target("section", section.id)
            if section.title:
                label = safe_text(f"{number} ", "dim")
                label.append_text(safe_text(section.title))
            else:  # the source has no heading here: invent none
                label = safe_text(f"§{number}", "dim")
            node = self.root.add(label, data=target, expand=True)
            self._target_nodes[target] = node
            for quote in index.quotes_in.get(section.id, ()):
                speaker = index.speaker(quote)
                short = speaker.short_name
                label = safe_text(f"{'“' if quote.kind == 'direct' else '~'} ", "dim")
                label.append_text(safe_text("…" if quote.continues else short, "bold"))  # a later part of one quotation
                label.append_text(safe_text(": " + shorten(quote.text, 40)))
                target = Target("quote", quote.id)
                self._target_nodes[target] = node.add_leaf(label, data=target)
            for claim in index.claims_in.get(section.id, ()):
                speaker = index.speaker(claim)
                label = safe_text("◆ ", "dim")
                label.append_text(safe_text(f"{claim.kind}: ", "italic"))
                label.append_text(safe_text(shorten(claim.text, 40)))
                target = Target("claim", claim.id)
                self._target_nodes[target] = node.add_leaf(label, data=target)
        self.root.expand()
        self.border_title = "Outline"

    def selected_target(self) -> Target | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select(self, target: Target) -> None:
        """Move the cursor to ``target`` without asking the reader to move."""
        node = self._target_nodes.get(target)
        if node is None or self.cursor_node is node:
            return
        with self.prevent(Tree.NodeHighlighted):
            self.move_cursor(node, animate=False)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Target]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(Follow(event.node.data, origin=Origin.OUTLINE))

    def on_tree_node_selected(self, event: Tree.NodeSelected[Target]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(Follow(event.node.data, origin=Origin.OUTLINE_ENTER))

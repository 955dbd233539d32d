"""What the reader screen does with the current quote, claim or section:
its speaker's entity view (``e``), a citation (``c``), the editor (``E``), a
bookmark (``m``, ``B``) and the person across the library (``p``)."""

from __future__ import annotations

from ..core.nav import Target
from ..core.state import StateStore
from ..core.text import shorten, visible
from ..messages import CopyCitation, FileChanged, Navigate, ShowBookmarks
from ..widgets.reader import Reader
from .reader_search import ArticleSearch


class ItemActions(ArticleSearch):
    """The item actions of :class:`~tui.screens.reader.ReaderScreen`."""

    store: StateStore

    def save_position(self) -> None:
        raise NotImplementedError

    def action_entity(self) -> None:
        target = self.query_one(Reader).current_target
        if target is None:
            return
        item = self.article.quotes.get(target.id) if target.kind == "quote" else self.article.claims.get(target.id)
        if item is not None:
            self.go(Target("entity", item.speaker))

    def action_cite(self) -> None:
        """c: copy the selected quote or claim as a citation."""
        focused = self.focused
        select = getattr(focused, "selected_target", None)
        target = select() if callable(select) else None
        if target is None or target.kind not in ("quote", "claim"):
            target = self.query_one(Reader).current_target
        if target is None:
            self.notify("Select a quote or claim first (tab steps through them)", severity="warning")
            return
        self.post_message(CopyCitation(target, self.article.id))

    def action_edit(self) -> None:
        """E: open the article in $VISUAL/$EDITOR at the selected quote, claim or
        section (tui/editor.py); the edit shows on return."""
        from ..editor import edit_article

        select = getattr(self.focused, "selected_target", None)
        reader = self.query_one(Reader)
        target = (select() if callable(select) else None) or reader.current_target
        if edit_article(self.app, self.article.file, target or Target("section", reader.section_at_top())):
            self.post_message(FileChanged(self.article.file))

    # -- bookmarks and people ----------------------------------------------

    def action_bookmark(self) -> None:
        """m: bookmark the current quote or claim, or else the section in view."""
        reader = self.query_one(Reader)
        target = reader.current_target or Target("section", reader.section_at_top())
        if target.kind == "section":
            label = self.article.sections[target.id].title or self.article.section_label(target.id)
        elif target.kind == "quote":
            label = self.article.quotes[target.id].text
        else:
            label = self.article.claims[target.id].text
        label = shorten(label, 80)
        added = self.store.toggle_bookmark(self.article.id, target.kind, target.id, label)
        verb = "Bookmarked" if added else "Removed bookmark"
        if self.store.last_error:  # never "Bookmarked" when nothing was saved
            self.notify(visible(f"{verb} until you quit: {self.store.last_error}", one_line=True), severity="warning", markup=False)
            return
        self.notify(visible(f"{verb}: {label}", one_line=True), markup=False)

    def action_bookmarks(self) -> None:
        self.save_position()
        self.post_message(ShowBookmarks())

    def action_person(self) -> None:
        """p: the current speaker (or the highlighted entity) across the library."""
        select = getattr(self.focused, "selected_target", None)
        target = select() if callable(select) else None
        entity_id = target.id if target is not None and target.kind == "entity" else None
        if entity_id is None:
            mark = self.query_one(Reader).current_target
            item = None
            if mark is not None:
                item = self.article.quotes.get(mark.id) if mark.kind == "quote" else self.article.claims.get(mark.id)
            entity_id = item.speaker if item is not None else None
        if entity_id is None:
            self.notify("Select a quote, claim or person first", severity="warning")
            return
        self.post_message(Navigate(Target("person", entity_id, self.article.id)))

"""The first article encodes ../shared/seed-article.txt faithfully."""

from __future__ import annotations

from tui.core.index import ArticleIndex
from tui.core.reading import load_file

from .conftest import SEED, SHARED, need_shared


def article():
    result = load_file(SEED)
    assert not result.errors, [e.format() for e in result.errors]
    return result.article


def test_nine_paragraphs_verbatim_and_in_order():
    source = need_shared(SHARED / "seed-article.txt").read_text(encoding="utf-8").split("\n")
    a = article()
    assert a.meta.title == source[0]
    paragraphs = [p for s in a.doc.sections for p in s.paragraphs]
    assert paragraphs == source[1:10]
    assert source[10] == "Related Sources:"
    assert "the US had not concessions" in paragraphs[1]


def test_sources_are_empty_not_invented():
    assert article().sources == ()


def test_two_direct_quotes_and_the_rest_reported():
    a = article()
    direct = sorted(q.text for q in a.doc.quotes if q.kind == "direct")
    assert direct == ["everything is on the table", "perfect dealmaker"]
    speakers = {q.speaker for q in a.doc.quotes if q.kind == "indirect"}
    assert {"hegseth", "trump", "zelenskyy", "scholz", "healey", "kremlin", "russia", "european-leaders"} <= speakers


def test_every_quote_anchored_to_its_text():
    a = article()
    for quote in a.doc.quotes:
        anchor = a.anchors[quote.id]
        paragraph = a.sections[quote.section].paragraphs[anchor.paragraph]
        assert paragraph[anchor.start : anchor.end] == quote.text


def test_claims_and_relations():
    a = article()
    index = ArticleIndex(a)
    kinds = {(r.from_, r.kind, r.to) for r in a.relations}
    assert ("us-conceded-too-much", "disputes", "no-us-concessions") in kinds
    assert ("no-troop-decisions", "qualifies", "troop-cut-on-table") in kinds
    labels = {(link.label, link.other) for link in index.relations_of("no-us-concessions")}
    assert ("disputed by", "us-conceded-too-much") in labels
    for claim in a.doc.claims:
        assert claim.quotes, claim.id
        assert claim.about, claim.id


def test_mentions_are_whole_word_and_case_sensitive():
    index = ArticleIndex(article())
    entities = [e.id for e in index.entities_in("everything-on-the-table")]
    assert entities[:2] == ["ukraine", "us"]
    assert "hegseth" in entities and "putin" in entities
    # "Russian" is not a mention of Russia; "Europe" inside "European" is not Europe
    for m in index.mentions:
        p = index.article.sections[m.section].paragraphs[m.paragraph]
        assert p[m.start - 1 : m.start].isalnum() is False
        assert not p[m.end : m.end + 1].isalnum()
    view = index.entity_view("hegseth")
    assert len(view.quotes) == 14 and view.sections[0] == "everything-on-the-table"

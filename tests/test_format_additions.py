"""Format 1 additions (issue 13): optional section titles and quote sections,
``continues``, ``via``, entity kind ``document``, ``aliases_case``, ``short``,
``[article] license`` and ``attribution``. Format 1 files stay valid."""

from __future__ import annotations

from tui.cli import main
from tui.core.export import article_json, cite
from tui.core.index import ArticleIndex
from tui.core.model import ArticleFile, Entity
from tui.core.reading import load_text
from tui.core.search import SearchIndex

from .conftest import MINIMAL

NEW = """\
format = 1

[article]
id = "new-keys"
title = "Officials and a letter"
license = "CC-BY-2.5"
attribution = "From Wikinews, CC BY 2.5"

[[entities]]
id = "officials"
name = "officials"
kind = "group"
aliases = ["an official"]
aliases_case = "insensitive"

[[entities]]
id = "minister"
name = "Jane Q. Smith"
aliases = ["Smith", "the minister"]
short = "Minister Smith"

[[entities]]
id = "letter"
name = "the leaked letter"
kind = "document"

[[entities]]
id = "paper"
name = "The i"
kind = "organization"

[[sections]]
id = "s1"
paragraphs = [
  "Officials said the plan was “on track and fully funded,” Smith added, “but late.”",
  "According to the leaked letter, officials “will not wait”, The i reported.",
]

[[sections]]
id = "s2"
title = "Reaction"
paragraphs = ["“We will not wait,” the minister said. “Not now.”"]

[[quotes]]
id = "on-track"
speaker = "minister"
text = "on track and fully funded,"

[[quotes]]
id = "but-late"
speaker = "minister"
text = "but late."
continues = "on-track"

[[quotes]]
id = "wont-wait"
speaker = "officials"
section = "s1"
text = "will not wait"
via = "paper"

[[quotes]]
id = "not-now"
speaker = "minister"
text = "Not now."
"""


def load(text: str):
    result = load_text(text, "a.toml")
    return result


def test_new_keys_load_and_sections_are_found():
    result = load(NEW)
    assert result.errors == (), [e.format() for e in result.errors]
    article = result.article
    assert article.meta.license == "CC-BY-2.5" and article.meta.attribution.startswith("From Wikinews")
    assert article.quotes["on-track"].section == "s1" and article.quotes["not-now"].section == "s2"
    assert article.sections["s1"].title == "" and article.entities["letter"].kind == "document"
    assert article.quotes["wont-wait"].via == "paper"


def test_old_format_1_files_are_still_valid():
    assert load(MINIMAL).article is not None
    doc = ArticleFile.model_validate(
        {"format": 1, "article": {"id": "a", "title": "A"}, "sections": [{"id": "s", "title": "S", "paragraphs": []}]}
    )
    assert doc.sections[0].title == "S"


def test_short_name_prefers_short_then_first_alias_then_name():
    assert Entity(id="a", name="Jane Smith", aliases=("Smith",), short="Minister").short_name == "Minister"
    assert Entity(id="a", name="Jane Smith", aliases=("Smith", "Jane")).short_name == "Smith"
    assert Entity(id="a", name="Jane Smith").short_name == "Jane Smith"


def test_case_insensitive_aliases_are_mentions_in_any_case():
    index = ArticleIndex(load(NEW).article)
    found = [(m.entity, m.section, m.paragraph, m.start) for m in index.mentions if m.entity == "officials"]
    assert found == [("officials", "s1", 0, 0), ("officials", "s1", 1, 32)]
    assert [m.entity for m in index.mentions if m.section == "s2"] == ["minister"]


def test_quote_in_several_sections_lists_them():
    text = NEW.replace('section = "s1"\ntext = "will not wait"', 'text = "will not wait"')
    messages = [e.message for e in load(text).errors]
    # "will not wait" is in s1, and in s2 inside "We will not wait"
    assert messages == [
        "quote 'wont-wait' text: text occurs in 2 sections ('s1', 's2'); add section = \"…\" to choose one"
    ]


def test_quote_in_no_section():
    text = NEW.replace('text = "Not now."', 'text = "Not ever."')
    assert [e.message for e in load(text).errors] == [
        "quote 'not-now' text: text not found verbatim in any section; add section = \"…\" to see the closest passage"
    ]


def test_continues_and_via_are_checked():
    bad = (
        NEW.replace('continues = "on-track"', 'continues = "on-trak"')
        .replace('via = "paper"', 'via = "papr"')
    )
    messages = [e.message for e in load(bad).errors]
    assert "quote 'but-late' continues: unknown quote 'on-trak' (did you mean 'on-track'?)" in messages
    assert "quote 'wont-wait' via: unknown entity 'papr' (did you mean 'paper'?)" in messages
    other = NEW.replace('text = "but late."', 'text = "but late."\nspeaker = "x"').replace(
        'id = "but-late"\nspeaker = "minister"', 'id = "but-late"'
    ).replace('speaker = "x"', 'speaker = "officials"')
    assert [e.message for e in load(other).errors] == [
        "quote 'but-late' continues: continues quote 'on-track', whose speaker is 'minister', not 'officials': "
        "the parts of one quotation have one speaker"
    ]
    backwards = NEW.replace('continues = "on-track"\n', "").replace(
        'id = "on-track"\nspeaker = "minister"', 'id = "on-track"\nspeaker = "minister"\ncontinues = "but-late"'
    )
    assert [e.message for e in load(backwards).errors] == [
        "quote 'on-track' continues: comes before quote 'but-late', which it continues"
    ]
    loop = NEW.replace('id = "on-track"\nspeaker = "minister"', 'id = "on-track"\nspeaker = "minister"\ncontinues = "but-late"')
    assert any(m.endswith("continues: the continues links form a loop") for m in [e.message for e in load(loop).errors])
    self_ref = NEW.replace('continues = "on-track"', 'continues = "but-late"')
    assert [e.message for e in load(self_ref).errors] == ["quote 'but-late' continues: a quote cannot continue itself"]


def test_citation_of_either_part_is_the_whole_quotation():
    article = load(NEW).article
    whole = "“on track and fully funded, … but late.” — Jane Q. Smith"
    assert cite(article, "on-track").startswith(whole)
    assert cite(article, "but-late").startswith(whole)
    assert cite(article, "not-now").startswith("“Not now.”")
    assert cite(article, "wont-wait").startswith("“will not wait” — officials, via The i, quoted in “Officials and a letter.”")


def test_markdown_export_carries_the_licence():
    from tui.core.export import article_markdown

    text = article_markdown(load(NEW).article)
    assert "From Wikinews, CC BY 2.5 · Licence: CC\\-BY\\-2.5" in text or "From Wikinews, CC BY 2.5 · Licence: CC-BY-2.5" in text
    assert "## §1" in text and "## 2. Reaction" in text


def test_json_export_round_trips_untitled_sections():
    data = article_json(load(NEW).article)
    data.pop("derived")
    doc = ArticleFile.model_validate(data, strict=False)
    assert doc.sections[0].title == "" and doc.quotes[0].section == "s1"


def test_search_folds_typographic_punctuation(capsys, tmp_path):
    text = NEW.replace("“on track and fully funded,”", "“no one’s right — on track and fully funded,”").replace(
        'text = "on track and fully funded,"', 'text = "no one’s right — on track and fully funded,"'
    )
    article = load(text).article
    index = SearchIndex([article])
    for query in ("no one's right", '"one\'s right - on track"', "no one’s", '"right — on"'):
        assert [h.record.id for h in index.search(query).quotes] == ["on-track"], query
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    assert main(["search", "--json", "no one's right", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert '"id": "on-track"' in out and '"matches": [{"start": 0, "end": 2}, {"start": 3, "end": 8}, {"start": 9, "end": 14}]' in out


async def test_reader_and_quote_viewer_show_one_quotation(tmp_path):
    from tui.app import QuothApp
    from tui.core.library import load_library

    path = tmp_path / "a.toml"
    path.write_text(NEW, encoding="utf-8")
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the first part
        await pilot.pause()
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "The whole quotation, in 2 parts:" in text
        assert "“on track and fully funded, … but late.”" in text
        assert "Smith added, “‹…“›but late.”" in text  # the later part is not tagged with the speaker again
        assert "│§1  " in text and "§2 Reaction" in text  # an untitled section is only its number
        assert "“ …: but late." in text  # in the outline too
        assert "From Wikinews, CC BY" in text and "Licence: CC-BY-2.5" in text  # under Sources
        await pilot.press("tab", "tab")  # will-not-wait, relayed by The i
        await pilot.pause()
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "officials  ·  direct  ·  via The i" in text

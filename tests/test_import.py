"""`quoth import`: sources, quotation marks, speakers and cues, reported
speech, ids, the TOML written, and the command line. Every draft made here
is loaded the way `quoth check` loads it."""

from __future__ import annotations

import sys

import pytest

from tui.cli import main
from tui.core.importer import DEFAULT_TARGET, Options, SourceError, Target, import_text, verify
from tui.core.importer.quotes import find_spans
from tui.core.reading import load_text

ARTICLE = """Council delays the bridge vote

The City Council postponed the vote. Jane Smith, the health minister, said: "We will not rush a decision on this bridge."

"It is not ready," said Smith, "and the engineers agree with me on that."

"We need more time to look at it.

"Then we will vote on it again," she added.

According to officials, the cost has doubled since the spring. Officials said the design would change.

The mayor told reporters that the council would meet again in May. Critics call it a "scare" tactic.
"""


def draft(text: str = ARTICLE, kind: str = "text", **options):
    d = import_text(text, kind, Options(**options))
    result = verify(d)
    assert result.errors == (), "\n".join(e.format() for e in result.errors)
    return d, result.article


def quotes(article):
    return [(q.text, q.speaker, q.kind, q.cue) for q in article.doc.quotes]


def test_direct_quotes_speakers_and_cues():
    _, article = draft()
    found = quotes(article)
    assert ("We will not rush a decision on this bridge.", "jane-smith", "direct", "said") in found
    assert ("It is not ready", "jane-smith", "direct", "said") in found
    assert ("and the engineers agree with me on that.", "jane-smith", "direct", "said") in found
    smith = next(e for e in article.doc.entities if e.id == "jane-smith")
    assert smith.name == "Jane Smith" and smith.role == "health minister" and smith.aliases == ("Smith",)


def test_quotation_over_two_paragraphs_is_linked_parts():
    d, article = draft(target=Target())
    first = next(q for q in article.doc.quotes if q.text.startswith("We need more time"))
    second = next(q for q in article.doc.quotes if q.text.startswith("Then we will vote"))
    assert first.speaker == second.speaker == "jane-smith"  # the cue comes with the last part
    assert f'# continues = "{first.id}"' in d.text  # format 1 today: a comment to uncomment


def test_linked_parts_use_continues_with_the_format_additions():
    d = import_text(ARTICLE, "text", Options(target=Target.additions()))
    assert 'continues = "we-need-more-time"' in d.text
    assert "\ntitle = " in d.text and "[[sections]]\nid = \"text\"\nparagraphs" in d.text  # no invented title


def test_scare_quotes_skipped_unless_kept():
    _, article = draft()
    assert all(q.text != "scare" for q in article.doc.quotes)
    _, kept = draft(keep_short=True)
    assert any(q.text == "scare" for q in kept.doc.quotes)


def test_reported_speech_and_groups():
    _, article = draft()
    found = quotes(article)
    assert ("the cost has doubled since the spring", "officials", "indirect", "According to") in found
    assert ("the design would change", "officials", "indirect", "said") in found
    assert ("the council would meet again in May", "mayor", "indirect", "told reporters") in found
    officials = next(e for e in article.doc.entities if e.id == "officials")
    assert officials.kind == "group"


def test_unattributed_quote_is_marked_for_checking():
    d, article = draft("T\n\nThe rain fell all day. \"Nobody saw it coming this year,\" the sign read.\n")
    assert [q.speaker for q in article.doc.quotes] == ["unattributed"]
    assert "# check: no speaker found near the quotation" in d.text
    assert d.summary() == "1 quote (1 direct, 0 reported), 0 speakers, 1 unattributed; review the 1 line marked # check"


def test_pronoun_far_from_its_speaker_is_a_checked_guess():
    text = "T\n\nAnna Berg said the plan works.\n\nThe weather was fine.\n\nThe roads were empty.\n\n\"It will be done by June,\" she said.\n"
    d, article = draft(text)
    assert quotes(article)[-1][1] == "anna-berg"
    assert "# check: 'she' taken to be Anna Berg" in d.text


def test_organisations_are_told_apart():
    text = "T\n\n\"We have no comment on the matter,\" the Ministry of Health said. \"None at all, really,\" Acme Inc. said.\n"
    _, article = draft(text)
    kinds = {e.name: e.kind for e in article.doc.entities}
    assert kinds["Ministry of Health"] == "organization"


def test_marks_of_other_languages_and_nesting():
    spans = find_spans(
        [
            "Er sagte: „Das ist »wirklich« gut so.“ Elle a dit : « C’est la fin du monde ici », puis rien.",
            "She said ‘this is the end of it’ and he didn’t reply to the others' questions.",
        ]
    )
    assert [s.text for s in spans] == ["Das ist »wirklich« gut so.", "C’est la fin du monde ici", "this is the end of it"]


def test_german_article():
    text = "Streit im Rat\n\nDie Abgeordnete Christina Jantz erklärte dazu: „Wir möchten eine breite Debatte führen.“ Professor Bonk betonte, die Lage sei oft schwierig.\n"
    _, article = draft(text)
    found = quotes(article)
    assert ("Wir möchten eine breite Debatte führen.", "christina-jantz", "direct", "erklärte") in found
    assert ("die Lage sei oft schwierig", "bonk", "indirect", "betonte") in found
    assert article.doc.article.language == "de"


def test_ambiguous_text_gets_a_prefix():
    text = "T\n\n\"We will win this,\" Smith said. Jones said: \"We will win this.\"\n"
    _, article = draft(text)
    texts = [(q.text, q.prefix, q.suffix) for q in article.doc.quotes if q.kind == "direct"]
    assert len(texts) == 2 and any(p or s for _, p, s in texts)


def test_paragraphs_are_copied_exactly_with_quotes_and_backslashes():
    text = "T\n\nHe wrote 'C:\\\\temp' and \"''' here\" [sic] {x} <b>not bold</b>\n\nA tab\there.\n"
    d, article = draft(text)
    assert article.doc.sections[0].paragraphs == ("He wrote 'C:\\\\temp' and \"''' here\" [sic] {x} <b>not bold</b>", "A tab\there.")
    assert "'''" in d.text or '"' in d.text


def test_ids_are_readable_and_unique():
    text = "T\n\n\"Same words here again,\" Smith said.\n\n\"Same words here again!\" Jones said.\n"
    _, article = draft(text)
    assert [q.id for q in article.doc.quotes] == ["same-words-here-again", "same-words-here-again-2"]


def test_markdown_headings_become_sections():
    md = "# The headline\n\nIntro *with* [a link](http://x).\n\n## First part\n\n\"Words of the day,\" Smith said.\n\n- a list item\n"
    d, article = draft(md, "markdown")
    assert article.doc.article.title == "The headline"
    assert [s.title for s in article.doc.sections] == ["", "First part"]  # the intro has no heading: none invented
    assert article.doc.sections[0].paragraphs == ("Intro with a link.",)
    assert article.doc.sections[1].paragraphs == ('"Words of the day," Smith said.', "a list item")


def test_control_characters_are_a_clear_error():
    with pytest.raises(SourceError, match=r"line 3, column 5: U\+001B is a control character"):
        import_text("T\n\nbad \x1b here\n")


def test_html_needs_trafilatura_with_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(SourceError, match=r"pip install 'quoth\[html\]'"):
        import_text("<html><body><p>x</p></body></html>", "html")


def test_html_page_through_trafilatura():
    pytest.importorskip("trafilatura")
    html = """<!doctype html><html lang="en"><head><title>Council delays the bridge vote</title>
    <meta property="og:site_name" content="The Riverside Gazette"></head><body><nav>Home</nav><article>
    <h1>Council delays the bridge vote</h1>
    <p>The City Council postponed the vote on Tuesday evening after a long and heated debate.</p>
    <p>"The bridge is not ready for a decision," Mayor Maria Lind said after the meeting on Tuesday.</p>
    </article><footer>Copyright</footer></body></html>"""
    _, article = draft(html, "html")
    assert article.doc.article.outlet == "The Riverside Gazette"
    assert quotes(article) == [("The bridge is not ready for a decision", "maria-lind", "direct", "said")]


# -- the command line ---------------------------------------------------------


def test_cli_writes_the_draft_and_a_summary(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "a.toml"
    args = ["import", str(src), "-o", str(out), "--url", "https://x.org/a", "--outlet", "Gazette",
            "--published", "2025-03-01"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err.startswith("8 quotes (5 direct, 3 reported), 3 speakers, 0 unattributed")
    result = load_text(out.read_text("utf-8"), str(out))
    assert result.errors == ()
    meta = result.article.doc.article
    assert (meta.url, meta.outlet, str(meta.published)) == ("https://x.org/a", "Gazette", "2025-03-01")
    assert main(["check", str(out)]) == 0
    assert main(args) == 2  # never over an existing file
    assert "exists (use --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_cli_reads_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert main(["import", "-"]) == 0
    out = capsys.readouterr().out
    assert load_text(out).errors == ()


def test_cli_errors(tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"T\n\n\xff\xfe")
    assert main(["import", str(bad)]) == 1
    assert "is not UTF-8" in capsys.readouterr().err
    assert main(["import", str(bad), "--published", "yesterday"]) == 2
    assert "is not a date" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    assert main(["import", str(empty)]) == 1
    assert "the source is empty" in capsys.readouterr().err


def test_pronoun_takes_the_person_named_last():
    text = (
        'T\n\n"It is over for us now," Rathbun said.\n\n"We will look into it soon," Whitmore said.\n\n'
        'Rathbun asked for donations on his blog. He described him as "a very brave young man indeed".\n'
    )
    _, article = draft(text)
    assert quotes(article)[-1][:2] == ("a very brave young man indeed", "rathbun")


def test_the_one_told_is_not_the_speaker():
    text = (
        'T\n\nWhitmore told reporters that on Monday Montalvo "walked into the station by himself", '
        'and told the police, "everything he did".\n'
    )
    _, article = draft(text)
    assert {q.speaker for q in article.doc.quotes if q.kind == "direct"} == {"whitmore"}


def test_a_cue_word_used_as_a_noun_is_not_a_cue():
    _, article = draft("T\n\nRecent reports have revealed that the plan was changed in secret.\n")
    assert [(q.speaker, q.cue) for q in article.doc.quotes] == [("reports", "revealed")]


def test_acronym_in_parentheses_and_documents():
    text = (
        "T\n\nThe World Health Organisation (WHO) recommends that every country should iodise all salt. "
        "WHO say iodine deficiency is the main cause. The report says the decline is due to changes in dairies.\n"
    )
    d, article = draft(text, target=Target())
    entities = {e.id: e for e in article.doc.entities}
    assert entities["world-health-organisation"].aliases == ("WHO",)
    assert {q.speaker for q in article.doc.quotes} == {"world-health-organisation", "report"}
    assert entities["report"].kind == "other" and 'kind = "other"  # a document' in d.text
    with_additions = import_text(text, "text", Options(target=Target.additions()))
    assert 'kind = "document"' in with_additions.text


def test_cli_license_and_attribution_are_kept(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    assert main(["import", str(src), "--license", "CC-BY-2.5", "--attribution", "Wikinews contributors"]) == 0
    out = capsys.readouterr().out
    mark = "" if DEFAULT_TARGET.license_keys else "# "  # keys once the format has them, comments before
    assert f"\n{mark}license = 'CC-BY-2.5'" in out and f"\n{mark}attribution = 'Wikinews contributors'" in out


def test_control_characters_decoded_by_a_parser_are_refused():
    from tui.core.importer.sources import Source, SourceSection, _refuse_controls

    with pytest.raises(SourceError, match=r"paragraph 2 of section 1 holds U\+001B"):
        _refuse_controls(Source("T", (SourceSection(None, ("fine", "bad \x1b")),)))


def test_french_article():
    text = (
        "Un titre\n\nAprès son élection, Rinkevics a prononcé un discours, affirmant qu'il utiliserait ses pouvoirs "
        "pour changer le pays.\n\n« La Lettonie est un pays libre et démocratique », a déclaré le nouveau président.\n"
    )
    _, article = draft(text)
    found = quotes(article)
    assert ("il utiliserait ses pouvoirs pour changer le pays", "rinkevics", "indirect", "affirmant") in found
    assert ("La Lettonie est un pays libre et démocratique", "nouveau-president", "direct", "a déclaré") in found
    assert article.doc.article.language == "fr"


def test_text_without_blank_lines_is_one_paragraph_per_long_line():
    line = "US Defense Secretary Pete Hegseth said the talks would take time and that every option was open for now."
    d, article = draft("Headline\n" + line + "\n" + line.replace("time", "months") + "\n")
    assert len(article.doc.sections[0].paragraphs) == 2
    hegseth = next(e for e in article.doc.entities if e.id == "pete-hegseth")
    assert (hegseth.name, hegseth.role, hegseth.aliases) == ("Pete Hegseth", "US Defense Secretary", ("Hegseth",))
    wrapped = draft("Headline\nshort wrapped\nlines of one\nparagraph here\n")[1]
    assert wrapped.doc.sections[0].paragraphs == ("short wrapped lines of one paragraph here",)


def test_words_relayed_by_another_source_name_it_via():
    text = (
        'T\n\nAccording to Yonhap news agency, quoting the Korean Central News Agency (KCNA), the army is on '
        'high alert and must prepare a "quasi-state of war".\n'
    )
    d, article = draft(text, target=Target())
    assert {q.speaker for q in article.doc.quotes} == {"korean-central-news-agency"}
    assert d.text.count('# via = "yonhap"') == 2  # format 1: a comment to uncomment
    assert 'via = "yonhap"' in import_text(text, "text", Options(target=Target.additions())).text.replace("# via", "")


def test_common_noun_speakers_match_in_any_case_with_the_additions():
    text = "T\n\nOfficials said the road would close. Later, officials said the bridge would close too.\n"
    d, article = draft(text, target=Target())
    assert next(e for e in article.doc.entities if e.id == "officials").aliases == ("Officials",)
    added = import_text(text, "text", Options(target=Target.additions())).text
    assert 'aliases_case = "insensitive"' in added and 'aliases = ["Officials"]' not in added


def test_markdown_front_matter_fills_the_article():
    md = (
        "---\ntitle: \"Council delays the vote\"\ndate: 2025-03-01\nauthor: A. Reporter, B. Writer\n"
        "url: https://x.org/a\nlicense: CC-BY-4.0\n---\n\n\"We will not rush this decision,\" Smith said.\n"
    )
    d, article = draft(md, "markdown", target=Target())
    meta = article.doc.article
    assert (meta.title, str(meta.published), meta.byline, meta.url) == (
        "Council delays the vote", "2025-03-01", ("A. Reporter", "B. Writer"), "https://x.org/a"
    )
    assert "# license = 'CC-BY-4.0'" in d.text
    assert article.doc.sections[0].paragraphs == ('"We will not rush this decision," Smith said.',)

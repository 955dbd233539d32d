"""The JSON-LD and CSL exports checked against the official artefacts in
../shared/standards (skipped when it is absent, failed on CI):

- every annotation against the W3C ``annotationMusts.test`` assertions, every
  page against ``pageMusts.test`` (an empty export's collection against
  ``collectionMusts.test``), with jsonschema;
- every schema.org type and property of the claims export against the
  schema.org vocabulary (rdflib): the term exists, and the property's
  domain and range allow its use;
- CSL-JSON citations against the CSL-JSON schema.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tui.core.export import CITE_FORMATS, annotation_document, cite, claims_document
from tui.core.library import load_library

from .conftest import FIXTURES, SEED, SHARED, need_shared
from .test_hostile import HOSTILE

STANDARDS = SHARED / "standards"
W3C = STANDARDS / "web-annotation-tests"
BASE = "https://w3c.example/web-annotation-tests/"
ARTICLES = [SEED, FIXTURES / "full.toml", FIXTURES / "bare.toml", HOSTILE, FIXTURES / "markdown-hostile.toml"]


def article(path):
    lib = load_library([path])
    assert not lib.errors
    return lib.articles[0]


# -- W3C Web Annotation ------------------------------------------------------


def _without_inner_schema_keys(value: Any) -> Any:
    """Drop ``$schema`` below the root: there it would start a resource with no base URI."""
    if isinstance(value, dict):
        return {k: _without_inner_schema_keys(v) for k, v in value.items() if k != "$schema"}
    if isinstance(value, list):
        return [_without_inner_schema_keys(v) for v in value]
    return value


@cache
def _w3c() -> tuple[Registry, Path]:
    root = need_shared(W3C)
    registry: Registry = Registry()
    for path in (p for folder in ("definitions", "annotations", "collections") for p in (root / folder).rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(schema, dict) or "$schema" not in schema:
            continue
        schema = {k: _without_inner_schema_keys(v) for k, v in schema.items()}
        if "$ref" in schema:  # draft 4 ignores the siblings of $ref, the base id among them
            schema["allOf"] = [{"$ref": schema.pop("$ref")}]
        schema["id"] = BASE + path.name  # they refer to each other by file name
        registry = registry.with_resource(BASE + path.name, Resource.from_contents(schema, default_specification=DRAFT4))
    return registry, root


def _run(test_file: str, instance: dict[str, Any]) -> list[str]:
    """Every failed assertion of a .test file (expectedResult vs outcome)."""
    registry, root = _w3c()
    test = json.loads((root / test_file).read_text(encoding="utf-8"))
    failures = []
    for name in test["assertions"]:
        schema = registry.contents(BASE + Path(name).name)
        validator = jsonschema.Draft4Validator(
            schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        )
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid") and schema.get("onUnexpectedResult") != "passAndContinue":
            failures.append(f"{Path(name).stem}: {schema.get('errorMessage', '')}")
    return failures


def test_the_runner_catches_what_the_issue_found():
    """The runner fails the old shape: no page id, a purpose on an external body."""
    bad_page = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [{}]}
    assert any(f.startswith("5.2-pageIdValidated") for f in _run("collections/pages/pageMusts.test", bad_page))
    bad_body = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:1", "type": "Annotation",
        "body": [{"type": "TextualBody", "id": "urn:x:e", "purpose": "identifying", "value": "x"}],
        "target": "https://example.org/",
    }
    assert any(f.startswith("3.3.5-bodyEWRNoPurpose") for f in _run("annotations/annotationMusts.test", bad_body))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_annotation_and_page_passes_the_w3c_musts(path):
    a = article(path)
    page = annotation_document([a])
    assert _run("collections/pages/pageMusts.test", page) == []
    assert page["id"] == f"urn:quoth:{a.id}:annotations" and len(page["items"]) == len(a.doc.quotes)
    for item in page["items"]:
        item = {"@context": page["@context"], **item}
        assert _run("annotations/annotationMusts.test", item) == [], item["id"]


def test_a_library_page_and_an_empty_export_pass_too(tmp_path):
    lib = load_library([FIXTURES / "library"])
    page = annotation_document(lib.articles)
    assert _run("collections/pages/pageMusts.test", page) == []
    assert len(page["items"]) == sum(len(a.doc.quotes) for a in lib.articles)
    empty = annotation_document([])
    assert empty["type"] == "AnnotationCollection" and empty["total"] == 0 and "first" not in empty
    assert _run("collections/collectionMusts.test", empty) == []


def test_target_uses_the_article_url_and_a_refining_paragraph_locator():
    a = article(FIXTURES / "full.toml")
    (item,) = annotation_document([a])["items"]
    (target,) = item["target"]
    assert target["source"] == "https://example.org/bridge"
    quote_sel, locator = target["selector"]
    assert quote_sel["type"] == "TextQuoteSelector" and quote_sel["exact"] == "not ready"
    assert locator["type"] == "FragmentSelector" and locator["value"] == "section=delay&paragraph=0"
    pos = locator["refinedBy"]
    assert a.sections["delay"].paragraphs[0][pos["start"] : pos["end"]] == "not ready"
    speaker = item["body"][0]
    assert speaker == {
        "type": "SpecificResource", "purpose": "identifying",
        "source": {"id": "https://www.wikidata.org/entity/Q1", "type": "Person", "name": "Maria Lind"},
    }
    # without a url, the fallback IRI
    (item,) = annotation_document([article(FIXTURES / "bare.toml")])["items"]
    assert item["target"][0]["source"] == "urn:quoth:bare"


def test_paragraph_numbers_agree_between_json_and_annotations():
    from tui.core.export import article_json

    a = article(SEED)
    anchors = article_json(a)["derived"]["anchors"]
    for item in annotation_document([a])["items"]:
        qid = item["id"].rsplit(":", 1)[1]
        value = item["target"][0]["selector"][1]["value"]
        assert value == f"section={anchors[qid]['section']}&paragraph={anchors[qid]['paragraph']}"


# -- schema.org --------------------------------------------------------------

SDO = "https://schema.org/"


@cache
def _vocabulary():
    import rdflib
    from rdflib.namespace import RDF, RDFS

    path = need_shared(STANDARDS / "schemaorg" / "schemaorg-current-https.ttl")
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    sdo = rdflib.Namespace(SDO)
    classes = {str(c) for c in g.subjects(RDF.type, RDFS.Class)}
    # DataType members (Text, URL, Date…) are classes too
    parents: dict[str, set[str]] = {}
    for c, p in g.subject_objects(RDFS.subClassOf):
        parents.setdefault(str(c), set()).add(str(p))
    props = {str(p) for p in g.subjects(RDF.type, RDF.Property)}
    domains: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for p, c in g.subject_objects(sdo.domainIncludes):
        domains.setdefault(str(p), set()).add(str(c))
    for p, c in g.subject_objects(sdo.rangeIncludes):
        ranges.setdefault(str(p), set()).add(str(c))
    return classes, parents, props, domains, ranges


def _ancestors(cls: str, parents: dict[str, set[str]]) -> set[str]:
    seen, todo = {cls}, [cls]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _value_types(value: Any, key: str, described: dict[str, str]) -> set[str]:
    """The schema.org types a JSON-LD value can stand for."""
    if isinstance(value, dict):
        if "@type" in value:
            return {SDO + value["@type"]}
        return {SDO + described[value["@id"]]}
    if isinstance(value, bool):
        return {SDO + "Boolean"}
    if isinstance(value, (int, float)):
        return {SDO + "Number", SDO + "Integer"}
    if key in ("url", "sameAs", "additionalType") or (isinstance(value, str) and value.startswith(("https://", "urn:"))):
        return {SDO + "URL", SDO + "Text"}
    if key.startswith("date"):
        return {SDO + "Date", SDO + "DateTime"}
    return {SDO + "Text"}


def _nodes(value: Any):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _nodes(v)


def _schema_org_problems(doc: dict[str, Any]) -> tuple[list[str], int]:
    """Every misuse of a schema.org term in a JSON-LD document, and how many values were checked."""
    classes, parents, props, domains, ranges = _vocabulary()
    described = {n["@id"]: n["@type"] for n in _nodes(doc["@graph"]) if "@id" in n and "@type" in n}
    problems: list[str] = []
    checked = 0
    for node in _nodes(doc["@graph"]):
        if "@type" not in node:
            if set(node) != {"@id"} or node["@id"] not in described:
                problems.append(f"referenced but not described: {node}")
            continue
        cls = SDO + node["@type"]
        if cls not in classes:
            problems.append(f"no schema.org type {node['@type']}")
            continue
        for key, value in node.items():
            if key.startswith("@") or key.startswith("quoth:"):
                continue
            prop = SDO + key
            if prop not in props:
                problems.append(f"no schema.org property {key}")
                continue
            if not _ancestors(cls, parents) & domains[prop]:
                problems.append(f"{key} is not a property of {node['@type']}")
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict) and "@type" not in v and v.get("@id") not in described:
                    continue  # reported above
                kinds = set().union(*(_ancestors(t, parents) for t in _value_types(v, key, described)))
                if not kinds & ranges[prop]:
                    problems.append(f"{node['@type']}.{key} = {v!r} is out of range")
                if key in ("url", "sameAs", "additionalType") and not str(v).startswith(("https://", "http://", "urn:quoth:vocab:")):
                    problems.append(f"{key} is not an IRI: {v!r}")
                checked += 1
    return problems, checked


@pytest.mark.parametrize("paths", [[SEED], [FIXTURES / "full.toml"], [HOSTILE], [FIXTURES / "library"]], ids=str)
def test_every_schema_org_term_exists_and_domain_and_range_allow_its_use(paths):
    lib = load_library(paths)
    doc = claims_document(lib.articles)
    assert doc["@context"] == {"@vocab": SDO, "quoth": "urn:quoth:vocab:"}
    problems, checked = _schema_org_problems(doc)
    assert problems == []
    assert checked > 10


def test_the_schema_org_check_catches_what_the_issue_found():
    """The old output's mistakes: a Country author, comment as text, a CURIE sameAs, a dangling @id."""
    doc = {"@graph": [
        {"@type": "Claim", "@id": "urn:c", "author": {"@type": "Country", "@id": "urn:e", "name": "X",
                                                      "sameAs": ["wikidata:Q159"]},
         "comment": "a note", "about": [{"@id": "urn:nobody"}], "additionalType": "quoth:position"},
    ]}
    problems, _ = _schema_org_problems(doc)
    assert any("Claim.author" in p for p in problems)
    assert any("Claim.comment" in p for p in problems)
    assert any("sameAs is not an IRI" in p for p in problems)
    assert any("additionalType is not an IRI" in p for p in problems)
    assert any("referenced but not described" in p for p in problems)


def test_claims_speak_as_people_or_organisations_with_structural_relations():
    a = article(SEED)
    graph = claims_document([a])["@graph"]
    nodes = {n["@id"]: n for n in graph}
    claim = nodes["urn:quoth:hegseth-nato-troops:claim:us-conceded-too-much"]
    assert claim["quoth:relation:disputes"] == [{"@id": "urn:quoth:hegseth-nato-troops:claim:no-us-concessions"}]
    assert "quoth:relation:disputes" not in nodes["urn:quoth:hegseth-nato-troops:claim:no-us-concessions"]
    assert claim["additionalType"].startswith("urn:quoth:vocab:claim-kind:")
    for node in graph:
        if node["@type"] == "Claim":
            assert nodes[node["author"]["@id"]]["@type"] in ("Person", "Organization")
    trump = nodes["urn:quoth:hegseth-nato-troops:entity:trump"]
    assert trump["sameAs"] == ["https://www.wikidata.org/entity/Q22686"]
    terms = {t["@id"] for t in nodes["urn:quoth:vocab"]["hasDefinedTerm"]}
    used = {n["additionalType"] for n in _nodes(graph) if "additionalType" in n}
    used |= {"urn:quoth:vocab:" + k.removeprefix("quoth:") for n in graph for k in n if k.startswith("quoth:")}
    assert used <= terms


# -- CSL-JSON ----------------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_csl_json_citations_validate_against_the_csl_schema(path):
    schema = json.loads(need_shared(STANDARDS / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    a = article(path)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    for item_id in [*a.quotes, *a.claims]:
        data = json.loads(cite(a, item_id, "csl-json"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (item_id, errors)
        assert data[0]["type"] == "article-newspaper" and data[0]["title"] == a.meta.title


def test_every_cite_format_answers_for_every_quote_and_claim():
    a = article(FIXTURES / "full.toml")
    for fmt in CITE_FORMATS:
        assert cite(a, "not-ready", fmt) and cite(a, "plan-not-ready", fmt)
        assert cite(a, "nope", fmt) is None


# -- JSON-LD expansion ---------------------------------------------------------


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_strings(v) for k, v in value.items() if k != "@context")) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return {str(value)}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | set().union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


@pytest.mark.parametrize("kind", ["annotations", "claims"])
def test_json_ld_expansion_loses_nothing(kind):
    """With the official context (served from ../shared, offline), every key
    expands to an IRI and every value survives."""
    from pyld import jsonld

    context = json.loads(need_shared(STANDARDS / "web-annotation" / "anno.jsonld").read_text(encoding="utf-8"))

    def loader(url, options=None):
        assert url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"), url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    doc = (annotation_document if kind == "annotations" else claims_document)([article(FIXTURES / "full.toml"), article(SEED)])
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    keys = {k for k in _keys(expanded) if not k.startswith("@")}
    assert all(k.startswith(("http://", "https://", "urn:")) for k in keys), sorted(keys)
    types = [t for node in _nodes(expanded) for t in _as_list(node.get("@type", []))]
    assert types and all(t.startswith(("http://", "https://")) for t in types), sorted(set(types))
    lost = {s for s in _strings(doc) if s not in _strings(expanded)}
    # compact type names and terms become IRIs (AnnotationPage is as:OrderedCollectionPage); nothing else may vanish
    terms = set(context["@context"])
    lost = {s for s in lost if s not in terms and not any(iri.endswith(s.split(":")[-1]) for iri in _strings(expanded) | keys)}
    assert lost == set()

"""Search understands the field's words (issue 10): a researcher's "notice period", "NGO", "protest",
"ICRMW" or "not ratified" finds what the report and the records call advance notice, NCOs, assemblies, the
migrant workers' convention and unratified treaties. Run on both search backends (SQLite and PostgreSQL)."""

import pytest

from search.query import parse
from search.vocabulary import expand

pytestmark = pytest.mark.django_db


def results(client, q, **params):
    response = client.get("/api/v1/search/", {"q": q, **params})
    assert response.status_code == 200, response.content
    return [(hit["record_type"], hit["title"]) for hit in response.json()["results"]]


def test_notice_period_finds_the_advance_notice_rules(client):
    top = results(client, "notice period")[:4]
    assert ("codebook_answer", "Minimum advance notice for a picket: 5 days") in top
    assert ("codebook_answer", "Minimum advance notice for a demonstration or march: 10 days") in top


def test_a_treaty_abbreviation_finds_its_ratification_status(client):
    assert results(client, "ICRMW")[0] == ("treaty_status", "ICRMW: not ratified")
    assert set(results(client, "ICCPR")[:2]) == {
        ("treaty_status", "ICCPR: ratified 2006"),
        ("treaty_status", "ICCPR-OP1: ratified 2009"),
    }


def test_not_ratified_finds_exactly_the_treaties_kazakhstan_has_not_ratified(client):
    # From the fixtures: the optional protocol to ICESCR and the migrant workers' convention.
    assert sorted(results(client, "not ratified")) == [
        ("treaty_status", "ICRMW: not ratified"),
        ("treaty_status", "OP-ICESCR: not ratified"),
    ]
    assert sorted(results(client, "unratified")) == sorted(results(client, "not ratified"))


def test_the_field_s_synonyms_reach_the_report_s_words(client):
    assert ("barrier", "Barriers to Assembly") in results(client, "protest")[:5]
    assert any("demonstration" in title.lower() for _, title in results(client, "protest permit")[:3])
    # The report says NCO, never NGO: the synonym is what finds the registration rules.
    assert "ngo" not in " ".join(title.lower() for _, title in results(client, "ngo registration"))
    assert any("NCO" in title for _, title in results(client, "ngo registration")[:3])


def test_expansion_adds_alternatives_and_keeps_what_was_typed():
    (group,) = expand(parse("ngo")).groups
    assert [term.text for term in group] == ["ngo", "nco", "non-commercial organization", "public association"]
    (group,) = expand(parse("notice period")).groups
    assert group[0].text == "notice period" and group[0].phrase and "advance notice" in [t.text for t in group]
    (group,) = expand(parse("not ratified")).groups
    assert [term.text for term in group] == ["unratified"]
    # Quoted words are taken literally, and other words pass through unchanged.
    assert [[t.text for t in g] for g in expand(parse('"ngo" charity')).groups] == [["ngo"], ["charity"]]


def test_a_right_by_its_usual_name_finds_the_rules_on_it(client):
    """ "freedom of assembly" found none of the 23 assembly rules: no record says "freedom of"."""
    found = results(client, "freedom of assembly", type="codebook_answer", page_size=50)
    assert len(found) >= 10 and any("picket" in title.lower() for _, title in found)
    assert results(client, "freedom of association", type="codebook_answer")
    assert [term.text for term in expand(parse("freedom of assembly")).groups[0]][:2] == [
        "freedom of assembly",
        "assembly",
    ]

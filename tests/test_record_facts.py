"""Every fact of the Ministry of Justice and Security's record is in the graph.

One test per fact: each asks the default store (all named graphs) an ASK query or compares
the graph with the raw record in data/submissions/.
"""

from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox
import pytest

from nap_graph.querying import ask, select
from nap_graph.resources import data_dir

RECORD = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
SUBMISSION = "<https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370>"
PREFIXES = """
PREFIX organisation: <https://w3id.org/nap-graph/id/organisation/>
PREFIX activity: <https://w3id.org/nap-graph/id/activity/jenv/>
PREFIX nap4: <https://w3id.org/nap-graph/id/outcome/nld-nap-4/>
PREFIX tg: <https://w3id.org/nap-graph/id/target-group/>
PREFIX mission: <https://w3id.org/nap-graph/id/mission-type/>
PREFIX acttype: <https://w3id.org/nap-graph/id/activity-type/>
PREFIX kind: <https://w3id.org/nap-graph/id/organisation-kind/>
PREFIX focus: <https://w3id.org/nap-graph/id/geographic-focus/>
PREFIX invest: <https://w3id.org/nap-graph/id/investment-type/>
PREFIX freq: <http://publications.europa.eu/resource/authority/frequency/>
"""

FACTS: dict[str, str] = {
    "the record is the Ministry of Justice and Security's": f"""
        ASK {{ {SUBMISSION} wps:submittedBy ?o ; wps:forPlan <https://w3id.org/nap-graph/id/plan/nld-nap-4> .
               ?o skos:prefLabel "Ministry of Justice and Security"@en }}""",
    "the Ministry is a government body": """
        ASK { organisation:jenv wps:organisationKind kind:government-body }""",
    "the Ministry's former name is an alternative label": """
        ASK { organisation:jenv skos:altLabel "Ministry of Security and Justice"@en }""",
    "the Ministry has its TOOI identifier": """
        ASK { organisation:jenv wps:externalIdentifier <https://identifier.overheid.nl/tooi/id/ministerie/mnre1058> }""",
    "DEIA and DMB are units of the Ministry": """
        ASK { organisation:jenv-deia org:unitOf organisation:jenv ; skos:altLabel "DEIA" .
              organisation:jenv-dmb org:unitOf organisation:jenv ; skos:altLabel "DMB" .
              organisation:jenv org:hasUnit organisation:jenv-deia , organisation:jenv-dmb }""",
    "DEIA coordinates the Ministry's NAP work and monitors its impact": """
        ASK { activity:nap-coordination wps:carriedOutBy organisation:jenv-deia ;
                  wps:activityType acttype:coordination ; wps:targetGroup tg:women-and-girls-in-conflict ;
                  dcterms:description ?d .
              FILTER (CONTAINS(?d, "monitors")) }""",
    "investment types are policy and programmatic, not financial": f"""
        ASK {{ {SUBMISSION} wps:investmentType invest:policy , invest:programmatic .
               FILTER NOT EXISTS {{ {SUBMISSION} wps:investmentType invest:financial }} }}""",
    "both a national and an international focus, within the Netherlands": f"""
        ASK {{ {SUBMISSION} wps:geographicFocus focus:national , focus:international ;
               wps:focusCountry country:NLD ; wps:focusDescription ?t .
               FILTER (STRSTARTS(?t, "International and national focus")) }}""",
    "the police mandate aims at 30% women in peace missions": """
        ASK { activity:police-mission-mandate wps:carriedOutBy organisation:politie ;
                  wps:activityType acttype:mandate ; wps:contributesTo nap4:1 ; wps:hasTarget ?t .
              ?t a wps:Target ; wps:value 30.0 ; wps:unit unit:PERCENT ;
                 wps:measures <https://w3id.org/nap-graph/id/indicator/women-in-peace-missions> }""",
    "recruitment campaigns for gender balance in military, police and civil missions": """
        ASK { activity:recruitment-campaigns wps:activityType acttype:recruitment ; wps:contributesTo nap4:1 ;
                  wps:missionType mission:military-mission , mission:police-mission , mission:civilian-mission }""",
    "six gender focal points were active during deployment in 2021": """
        ASK { activity:gender-focal-points wps:hasObservedValue ?v ; wps:contributesTo nap4:2 .
              ?v a wps:ObservedValue ; wps:value 6 ; wps:unit unit:NUM ; wps:year "2021"^^xsd:gYear }""",
    "gender focal points have an advisory role, also under 5.1": """
        ASK { activity:gender-focal-points wps:activityType acttype:advisory-role ;
                  wps:contributesTo nap4:5.1 ; wps:missionType mission:police-mission }""",
    "all deployed police staff take a three-day gender training": """
        ASK { activity:police-gender-training wps:carriedOutBy organisation:politie ; wps:contributesTo nap4:3 ;
                  wps:duration "P3D"^^xsd:duration ; wps:targetGroup tg:deployed-police-staff ; wps:hasTarget ?t .
              ?t wps:value 100.0 ; wps:unit unit:PERCENT }""",
    "each deployed staff member reports three times on gender activities": """
        ASK { activity:gender-activity-reporting wps:activityType acttype:reporting ; wps:contributesTo nap4:3 ;
                  wps:hasTarget ?t .
              ?t wps:value 3 ; wps:unit unit:NUM ;
                 wps:measures <https://w3id.org/nap-graph/id/indicator/gender-reports-per-deployed-staff-member> }""",
    "the OM's National Public Prosecutor's Office holds an educational afternoon": """
        ASK { activity:international-crimes-education-afternoon wps:carriedOutBy organisation:om-landelijk-parket ;
                  wps:activityType acttype:education-event ; wps:contributesTo nap4:3 ;
                  wps:audience organisation:politie , organisation:om , organisation:rechtspraak ;
                  dcterms:description ?d .
              organisation:om-landelijk-parket org:unitOf organisation:om .
              FILTER (CONTAINS(?d, "sexual and gender based violence") && CONTAINS(?d, "panel discussion")) }""",
    "an annual report on international crimes": """
        ASK { activity:international-crimes-annual-report wps:activityType acttype:publication ;
                  wps:frequency freq:ANNUAL ; wps:contributesTo nap4:3.2 ; wps:carriedOutBy organisation:jenv }""",
    "the MLA treaty work with Argentina, Belgium, Mongolia, Senegal and Slovenia": """
        ASK { activity:mla-treaty wps:partner organisation:mla-initiative ; wps:contributesTo nap4:3.2 ;
                  wps:partnerCountry country:ARG , country:BEL , country:MNG , country:SEN , country:SVN ;
                  wps:resultedIn <https://w3id.org/nap-graph/id/legal-instrument/ljubljana-the-hague-convention> .
              organisation:mla-initiative a org:OrganizationalCollaboration ;
                  wps:participatingCountry country:ARG , country:BEL , country:MNG , country:NLD , country:SEN , country:SVN .
              <https://w3id.org/nap-graph/id/legal-instrument/ljubljana-the-hague-convention>
                  dcterms:issued "2023-05-26"^^xsd:date }""",
    "country-specific immigration policy for survivors of conflict-related sexual violence": """
        ASK { activity:country-specific-immigration-policy wps:activityType acttype:policy ;
                  wps:contributesTo nap4:3.1 ; wps:targetGroup tg:survivors-of-conflict-related-sexual-violence }""",
    "DMB is in continuous conversation with COA and IND": """
        ASK { activity:asylum-gender-sensitivity-dialogue wps:carriedOutBy organisation:jenv-dmb ;
                  wps:partner organisation:coa , organisation:ind ; wps:contributesTo nap4:3.4 ;
                  wps:targetGroup tg:lgbtqi-asylum-seekers , tg:unaccompanied-women , tg:unaccompanied-minors .
              organisation:coa wps:accountableTo organisation:jenv .
              organisation:ind org:subOrganizationOf organisation:jenv }""",
    "multi-stakeholder dialogues with women's and refugee organisations": """
        ASK { activity:asylum-multi-stakeholder-dialogues wps:carriedOutBy organisation:jenv-dmb ;
                  wps:activityType acttype:dialogue ; wps:contributesTo nap4:3.4 ;
                  wps:partnerDescription "women's and refugee organisations"@en }""",
    "expertise from Transgender Netwerk Nederland": """
        ASK { activity:external-expertise wps:partner organisation:tnn ; wps:contributesTo nap4:3.4 .
              organisation:tnn wps:organisationKind kind:civil-society-organisation }""",
    "reporting mechanisms in civilian missions": """
        ASK { activity:civilian-mission-reporting wps:missionType mission:civilian-mission ;
                  wps:activityType acttype:reporting ; wps:contributesTo nap4:5.1 ;
                  wps:carriedOutBy organisation:politie }""",
    "the police is accountable to the Ministry, the OM too": """
        ASK { organisation:politie wps:accountableTo organisation:jenv ; wps:organisationKind kind:police .
              organisation:om wps:accountableTo organisation:jenv }""",
    "the submission derives from its source document (PROV)": f"""
        ASK {{ {SUBMISSION} wps:sourceDocument ?s .
               {SUBMISSION} prov:wasDerivedFrom ?s ; prov:wasAttributedTo organisation:jenv .
               wps:sourceDocument rdfs:subPropertyOf prov:wasDerivedFrom .
               wps:Submission rdfs:subClassOf prov:Entity .
               ?s wps:fileName "000_9b141defdd96629b.txt" }}""",
}


@pytest.mark.parametrize("fact", list(FACTS), ids=list(FACTS))
def test_fact_is_in_the_graph(store: ox.Store, fact: str) -> None:
    assert ask(store, PREFIXES + FACTS[fact]), fact


def _record_lines() -> list[str]:
    return RECORD.read_text(encoding="utf-8").splitlines()


def _answer_after(question: str) -> str:
    lines = _record_lines()
    start = lines.index(question) + 1
    return next(line for line in lines[start:] if line.strip())


def _selected(store: ox.Store, kind: str) -> set[str]:
    rows = select(
        store,
        f"SELECT ?n WHERE {{ {SUBMISSION} wps:selectsOutcome ?o . ?o a wps:{kind} ; skos:notation ?n }}",
    )
    return {r["n"] for r in rows}


def test_selected_strategic_outcomes_are_those_of_the_record(store: ox.Store) -> None:
    listed = {m[1] for line in _record_lines() if (m := re.match(r"^(\d)\. ", line))}
    assert listed == {"1", "2", "3", "5"}
    assert _selected(store, "StrategicOutcome") == listed


def test_selected_sub_outcomes_are_those_of_the_record(store: ox.Store) -> None:
    listed = {m[1] for line in _record_lines() if (m := re.match(r"^(\d\.\d) ", line))}
    assert listed == {"3.1", "3.2", "3.4", "5.1"}
    assert _selected(store, "SubOutcome") == listed


def test_contributions_are_the_record_paragraphs_verbatim(store: ox.Store) -> None:
    paragraphs = {
        m[2]: m[3]
        for line in _record_lines()
        if (m := re.match(r"^(Strategic outcome|Sub-outcome) (\d(?:\.\d)?): (.+)$", line))
    }
    rows = select(
        store,
        f"""SELECT ?n ?text WHERE {{ {SUBMISSION} wps:hasContribution ?c .
               ?c wps:aboutOutcome/skos:notation ?n ; wps:statement ?text }}""",
    )
    assert {r["n"]: r["text"] for r in rows} == paragraphs
    assert len(rows) == len(paragraphs) == 8


@pytest.mark.parametrize(
    ("question", "prop"),
    [
        ("Description of your organization/institution", "wps:organisationDescription"),
        ("Description of your main WPS related activities", "wps:activitiesDescription"),
        ("Country/Region", "wps:focusDescription"),
    ],
)
def test_descriptions_are_verbatim(store: ox.Store, question: str, prop: str) -> None:
    rows = select(store, f"SELECT ?t WHERE {{ {SUBMISSION} {prop} ?t }}")
    assert [r["t"] for r in rows] == [_answer_after(question)]


def test_source_document_checksum_and_size_match_the_raw_file(store: ox.Store) -> None:
    raw = RECORD.read_bytes()
    rows = select(
        store,
        f"""SELECT ?sha ?size WHERE {{ {SUBMISSION} wps:sourceDocument ?s .
               ?s dcat:byteSize ?size ; spdx:checksum/spdx:checksumValue ?sha }}""",
    )
    assert rows == [{"sha": hashlib.sha256(raw).hexdigest(), "size": str(len(raw))}]


def test_raw_record_is_byte_identical_to_the_seed() -> None:
    seed = RECORD.parents[4].parent / "shared" / "seed" / RECORD.name
    if not seed.exists():
        pytest.skip(f"no seed beside the checkout at {seed}")
    assert RECORD.read_bytes() == seed.read_bytes()

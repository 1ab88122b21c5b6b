"""`calcigraph validate` as a curator meets it: the shipped data passes, and each kind of defect gets its own
precise message naming file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from loaders.validate import InvalidData, load_knowledge_base

CORPUS = Path(__file__).parent / "corpus"
VALID = (CORPUS / "valid.yaml").read_text()


@dataclass(frozen=True)
class Defect:
    name: str
    old: str
    new: str
    line: int
    field: str
    message: str  # a regex


DEFECTS = [
    Defect("yaml-syntax", "    name: Ibuprofen\n", "    name: [Ibuprofen\n", 16, "", r"YAML syntax error"),
    Defect("duplicate-key", "    name: Ibuprofen\n", "    name: Ibuprofen\n    name: Advil\n", 16, "",
           r"duplicate key 'name'"),
    Defect("unknown-field", "    approval: approved\n", "    approval: approved\n    aproval: approved\n", 19,
           "agents[0].aproval", r"unknown field"),
    Defect("missing-field", "    kind: small_molecule\n", "", 14, "agents[0].kind", r"required field is missing"),
    Defect("bad-enum", "        direction: inhibits\n", "        direction: inhibit\n", 21,
           "agents[0].effects[0].direction", r"'inhibit' is not allowed; use one of"),
    Defect("bad-evidence-level", "            level: rct\n            finding: \"Less", "            level: trial\n"
           "            finding: \"Less", 24, "agents[0].effects[0].evidence[0].level", r"'trial' is not allowed"),
    Defect("duplicate-id", "  - id: skeletal-muscle\n    name: Skeletal muscle\n",
           "  - id: skeletal-muscle\n    name: Skeletal muscle\n  - id: osteoblast\n    name: Osteoblast again\n",
           52, "tissues[1].id", r"already used by a CellType at .*kb.yaml:45"),
    Defect("dangling-reference", "      - on: heterotopic-ossification\n", "      - on: heterotopic-ossificaton\n", 20,
           "agents[0].effects[0].on", r"refers to no Process or CellType.*did you mean 'heterotopic-ossification'"),
    Defect("wrong-kind-reference", "      - on: heterotopic-ossification\n", "      - on: skeletal-muscle\n", 20,
           "agents[0].effects[0].on", r"'skeletal-muscle' is a Tissue .* but a Process or CellType is needed"),
    Defect("bad-pmid", "  - id: PMID:16885182\n", "  - id: PMID:16885182a\n", 3, "publications[0].id",
           r"not a publication id"),
    Defect("bad-doi", "    pmid: \"16885182\"\n", "    pmid: \"16885182\"\n    doi: 11.1136/bmj\n", 5,
           "publications[0].doi", r"does not match the expected format"),
    Defect("pmid-mismatch", "    pmid: \"16885182\"\n", "    pmid: \"16885183\"\n", 3, "publications[0]",
           r"needs `pmid: \"16885182\"`"),
    Defect("bad-curie", "{curie: \"CL:0000062\"", "{curie: \"CellOnt:0000062\"", 48,
           "cell_types[0].identifiers[0].curie", r"'CellOnt' is not a prefix the Bioregistry knows"),
    Defect("bad-curie-local-id", "{curie: \"CL:0000062\"", "{curie: \"CL:62\"", 48,
           "cell_types[0].identifiers[0].curie", r"'62' is not a valid CL identifier"),
    Defect("bad-slug", "  - id: ibuprofen\n", "  - id: Ibuprofen\n", 14, "agents[0].id", r"not a valid id"),
    Defect("phase-gap", "        order: 2\n", "        order: 3\n", 62, "diseases[0].phases",
           r"orders are \[1, 3\]; number them 1..2"),
    Defect("uncited-claim", "        evidence:\n          - pub: PMID:16885182\n            level: rct\n"
           "            finding: \"Less ectopic bone after hip replacement.\"\n", "        evidence: []\n", 22,
           "agents[0].effects[0].evidence", r"every claim needs at least one evidence item"),
    Defect("unknown-publication", "          - pub: PMID:16885182\n            level: rct\n            finding: \"Less",
           "          - pub: PMID:99999999\n            level: rct\n            finding: \"Less", 23,
           "agents[0].effects[0].evidence[0].pub", r"'PMID:99999999' refers to no Publication"),
    Defect("unknown-nested-field", "        phase: ho-inflammatory\n", "        phase: ho-mature\n"
           "        disease_note: x\n", 29, "agents[0].studies[0].disease_note", r"unknown field"),
    Defect("unknown-section", "agent_classes:\n", "agent_class:\n", 10, "agent_class", r"unknown field"),
    Defect("duplicate-publication", "    verified_source: \"PubMed record 16885182\"\n",
           "    verified_source: \"PubMed record 16885182\"\n    doi: 10.9999/example.1\n"
           "  - id: DOI:10.9999/EXAMPLE.1\n    doi: 10.9999/EXAMPLE.1\n    title: The same paper again\n"
           "    journal: BMJ\n    year: 2006\n    verified: false\n    verified_source: x\n", 11,
           "publications[1].doi", r"is also publication 'PMID:16885182'"),
    Defect("lead-names-no-node", "      - claim: AFFECTS|ibuprofen|heterotopic-ossification|inhibits\n",
           "      - claim: AFFECTS|ibuprofen|heterotopic-ossificaton|inhibits\n", 84, "leads[0].uses[0].claim",
           r"'heterotopic-ossificaton' in .* names no node"),
    Defect("lead-already-publication", "  - pub: DOI:10.9999/lead.1\n", "  - pub: PMID:16885182\n", 78,
           "leads[0].pub", r"already a verified publication .*move the lead's uses into the claims"),
    Defect("lead-undescribed", "    journal: Example J\n", "", 78, "leads[0].journal",
           r"not in publications.yaml, so the lead must describe it: add journal"),
    Defect("no-data-contradicts-a-claim", "      - about: osteoblast\n", "      - about: heterotopic-ossification\n",
           35, "agents[0].no_data[0].about", r"has an effect claim on 'heterotopic-ossification' and a no_data note"),
    Defect("finding-missing", "            finding: \"Less ectopic bone after hip replacement.\"\n", "", 23,
           "agents[0].effects[0].evidence[0].finding", r"required field is missing"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_each_defect_yields_its_own_error_at_its_line(defect: Defect, tmp_path: Path) -> None:
    assert defect.old in VALID, f"the corpus no longer contains the text this case edits: {defect.old!r}"
    path = tmp_path / "kb.yaml"
    path.write_text(VALID.replace(defect.old, defect.new, 1))
    with pytest.raises(InvalidData) as caught:
        load_knowledge_base(tmp_path)
    issues = caught.value.issues
    matching = [i for i in issues if re.search(defect.message, i.message)]
    assert matching, f"no issue matches {defect.message!r}: {[str(i) for i in issues]}"
    issue = matching[0]
    assert issue.file.endswith("kb.yaml")
    assert issue.line == defect.line, str(issue)
    assert issue.field == defect.field, str(issue)


def test_a_phase_of_another_disease_is_refused(tmp_path: Path) -> None:
    text = VALID.replace("  - id: acquired-ho\n", "  - id: other-ho\n    name: Other\n    scope: musculoskeletal\n"
                         "    manifests: [heterotopic-ossification]\n"
                         "    evidence:\n      - {pub: PMID:16885182, level: rct, finding: x}\n"
                         "    phases:\n      - {id: other-phase, name: P, order: 1, evidence: [{pub: PMID:16885182, "
                         "level: rct, finding: x}]}\n  - id: acquired-ho\n", 1)
    text = text.replace("        phase: ho-inflammatory\n", "        phase: other-phase\n")
    (tmp_path / "kb.yaml").write_text(text)
    with pytest.raises(InvalidData, match=r"phase 'other-phase' belongs to disease 'other-ho', which is neither "
                                          r"'acquired-ho' nor a disease"):
        load_knowledge_base(tmp_path)


def test_a_subtype_may_be_staged_by_its_parents_phases(tmp_path: Path) -> None:
    text = VALID.replace("  - id: acquired-ho\n", "  - id: sub-ho\n    name: Sub\n    scope: musculoskeletal\n"
                         "    subtype_of: [acquired-ho]\n    manifests: [heterotopic-ossification]\n"
                         "    evidence:\n      - {pub: PMID:16885182, level: rct, finding: x}\n"
                         "  - id: acquired-ho\n", 1)
    (tmp_path / "kb.yaml").write_text(text.replace("      - disease: acquired-ho\n        phase: ho-inflammatory",
                                                   "      - disease: sub-ho\n        phase: ho-inflammatory", 1))
    kb = load_knowledge_base(tmp_path)
    (edge,) = [e for e in kb.records().edges if e.kind.value == "STUDIED_IN" and e.props["disease"] == "sub-ho"]
    assert edge.target == "ho-inflammatory" and edge.key.endswith("|sub-ho")


def test_a_disease_must_name_its_defining_process(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(VALID.replace("    manifests: [heterotopic-ossification]\n", "", 1))
    with pytest.raises(InvalidData, match=r"diseases\[0\]\.manifests: name the pathological process"):
        load_knowledge_base(tmp_path)


def test_evidence_context_must_fit_its_level(tmp_path: Path) -> None:
    text = re.sub(r"( +)level: rct\n", r"\1level: animal\n\1population: adults\n", VALID, count=1)
    (tmp_path / "kb.yaml").write_text(text)
    with pytest.raises(InvalidData, match=r"level animal needs population animal_model"):
        load_knowledge_base(tmp_path)


def test_the_valid_corpus_validates(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(VALID)
    kb = load_knowledge_base(tmp_path)
    assert set(kb.entities_ids()) >= {"ibuprofen", "ho-inflammatory", "PMID:16885182"}


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID.replace("direction: inhibits", "direction: up"))
    (tmp_path / "b.yaml").write_text("agents: [{id: x}]\n")
    with pytest.raises(InvalidData) as caught:
        load_knowledge_base(tmp_path)
    files = {i.file.rsplit("/", 1)[-1] for i in caught.value.issues}
    assert files == {"a.yaml", "b.yaml"}


def test_a_verified_publication_must_name_an_authoritative_page(tmp_path: Path) -> None:
    text = re.sub(r"verified_source: .*", 'verified_source: "seen on ResearchGate"', VALID, count=1)
    (tmp_path / "kb.yaml").write_text(text)
    with pytest.raises(InvalidData, match=r"publications\[0\]: verified: true needs a verified_source naming"):
        load_knowledge_base(tmp_path)


def test_a_retracted_publication_never_counts_as_verified(tmp_path: Path) -> None:
    text = VALID.replace("    verified: true\n", "    verified: true\n    retracted: true\n", 1)
    (tmp_path / "kb.yaml").write_text(text)
    with pytest.raises(InvalidData, match=r"a retracted publication needs `retraction`"):
        load_knowledge_base(tmp_path)
    (tmp_path / "kb.yaml").write_text(text.replace("    retracted: true\n",
                                                   "    retracted: true\n    retraction: \"DOI:10.1/notice\"\n"))
    records = load_knowledge_base(tmp_path).records()
    citing = [e for e in records.edges if "PMID:16885182" in e.props.get("evidence_pubs", [])]
    assert citing and all(not any(e.props["evidence_verified"]) for e in citing)

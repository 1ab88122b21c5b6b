"""The schema of calcigraph — the one place that says what exists.

Everything else derives from this module: the validator (the pydantic models of `data/`), the node and
relationship records both stores are built from, the Neo4j constraints, the GraphQL types and enums, the export
mappings. Change a kind, a property or an enum here and the rest follows (tests pin the derived artefacts).
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from enum import Enum, StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

# ---------------------------------------------------------------------------------------------------------------
# Enums
# ---------------------------------------------------------------------------------------------------------------


class NodeKind(StrEnum):
    """Node labels, as Neo4j and the GraphQL API spell them."""

    AGENT = "Agent"
    """A drug, supplement, ion or biologic."""
    AGENT_CLASS = "AgentClass"
    """A pharmacological class (NSAIDs, bisphosphonates, …)."""
    TARGET = "Target"
    """A gene product an agent binds or acts on (HGNC symbol)."""
    MECHANISM = "Mechanism"
    """A mechanism of action (e.g. cyclooxygenase inhibition)."""
    PATHWAY = "Pathway"
    """A signalling or metabolic pathway."""
    PROCESS = "Process"
    """A biological or pathological process (ectopic calcification, bone formation, …)."""
    CELL_TYPE = "CellType"
    """A cell type (osteoblast, osteoclast, tenocyte, …)."""
    TISSUE = "Tissue"
    """An anatomical site (tendon, ligament, muscle, …)."""
    DISEASE = "Disease"
    """A condition with ectopic calcification or ossification."""
    DISEASE_PHASE = "DiseasePhase"
    """A stage in a disease's course, in order (NEXT)."""
    PUBLICATION = "Publication"
    """A cited paper (PMID or DOI), with its verification record."""


class RelKind(StrEnum):
    """Relationship types. Each means one thing; its allowed endpoints are in RELATIONSHIPS."""

    MEMBER_OF = "MEMBER_OF"
    TARGETS = "TARGETS"
    HAS_MECHANISM = "HAS_MECHANISM"
    MODULATES = "MODULATES"
    REGULATES = "REGULATES"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    AFFECTS = "AFFECTS"
    STUDIED_IN = "STUDIED_IN"
    IS_A = "IS_A"
    OCCURS_IN = "OCCURS_IN"
    DRIVES = "DRIVES"
    INVOLVES = "INVOLVES"
    SUBTYPE_OF = "SUBTYPE_OF"
    HAS_PHASE = "HAS_PHASE"
    NEXT = "NEXT"
    PART_OF = "PART_OF"
    MANIFESTS = "MANIFESTS"


class EvidenceLevel(StrEnum):
    """The design behind one finding (not the paper: a background sentence in an RCT report is `review`)."""

    IN_VITRO = "in_vitro"
    """Cells or tissue in culture."""
    ANIMAL = "animal"
    """An animal model."""
    CASE_REPORT = "case_report"
    """One to a few patients."""
    CASE_SERIES = "case_series"
    """An uncontrolled series of patients."""
    COHORT = "cohort"
    """An observational comparison (cohort, case-control, registry)."""
    RCT = "rct"
    """A randomised controlled trial's own result."""
    META_ANALYSIS = "meta_analysis"
    """A pooled analysis of trials or studies."""
    REVIEW = "review"
    """A narrative review, or a background statement: no new observation."""
    GUIDELINE = "guideline"
    """A consensus or practice guideline."""


EVIDENCE_RANK: dict[EvidenceLevel, int] = {
    EvidenceLevel.IN_VITRO: 1,
    EvidenceLevel.ANIMAL: 2,
    EvidenceLevel.CASE_REPORT: 3,
    EvidenceLevel.REVIEW: 3,
    EvidenceLevel.CASE_SERIES: 4,
    EvidenceLevel.COHORT: 5,
    EvidenceLevel.GUIDELINE: 5,
    EvidenceLevel.RCT: 6,
    EvidenceLevel.META_ANALYSIS: 7,
}
"""Strength of a level for `minEvidence` filters. Narrative reviews rank with case reports (they add no new
observation); guidelines with cohorts (consensus over mixed evidence); meta-analyses above single RCTs."""


class Direction(StrEnum):
    """What an agent (or mechanism) does to a process or cell type."""

    INHIBITS = "inhibits"
    """Reduces, slows or prevents it."""
    PROMOTES = "promotes"
    """Increases, speeds or induces it."""
    NO_EFFECT = "no_effect"
    """Tested, and no effect was found (a non-significant trend is recorded here too)."""


class Dose(StrEnum):
    """A claim's exposure as one word (the `dose` relationship property, kept for existing readers): `excess`
    when none of its evidence is at therapeutic exposure, else `therapeutic`. Derived from `Exposure`."""

    THERAPEUTIC = "therapeutic"
    EXCESS = "excess"


class Exposure(StrEnum):
    """The exposure an evidence item's finding was seen at. Only `therapeutic` findings decide a bone-safety
    verdict: an overdose case or a supratherapeutic animal dose is shown with the answer, never counted."""

    THERAPEUTIC = "therapeutic"
    """A clinical dose, or its equivalent in an animal or cell model."""
    SUPRATHERAPEUTIC = "supratherapeutic"
    """Deliberately above the clinical range (e.g. hypermagnesaemia, anti-mineralizing doses in animals)."""
    OVERDOSE = "overdose"
    """A dosing error, poisoning or prolonged use far beyond the labelled regimen."""


class Regimen(StrEnum):
    """How the agent was given, where the finding depends on it (e.g. continuous vs cyclical etidronate)."""

    SINGLE = "single"
    """One dose or one injection."""
    SHORT_COURSE = "short_course"
    """Days to a few weeks (e.g. 6 weeks of indomethacin after arthroplasty)."""
    CONTINUOUS = "continuous"
    """Daily (or near-daily) for months or longer."""
    CYCLICAL = "cyclical"
    """Courses alternating with drug-free intervals (e.g. 2 weeks on, 10 weeks off)."""
    INTERMITTENT = "intermittent"
    """Spaced doses (weekly, monthly or yearly; intermittent PTH)."""


class Timing(StrEnum):
    """When treatment started relative to the injury, operation or disease."""

    BEFORE_ONSET = "before_onset"
    """Before or at the injury or operation (prophylaxis)."""
    EARLY = "early"
    """Within days of the injury or onset."""
    DELAYED = "delayed"
    """Weeks after the injury, before the disease is established."""
    ESTABLISHED = "established"
    """On established deposits or lesions."""


class Population(StrEnum):
    """Who (or what) the finding was observed in."""

    ADULTS = "adults"
    """Adult patients or volunteers."""
    CHILDREN = "children"
    """Children or adolescents (open growth plates)."""
    MIXED_AGES = "mixed_ages"
    """Children and adults together."""
    ANIMAL_MODEL = "animal_model"
    """Animals."""
    CELLS = "cells"
    """Cells or tissue in vitro."""


class Intent(StrEnum):
    """What a study set out to do: prevent disease (or its progression) or treat established disease."""

    PREVENTION = "prevention"
    """Given to prevent the disease, or its progression, before it is established."""
    TREATMENT = "treatment"
    """Given to treat established disease."""


class BoneFacet(StrEnum):
    """The facets a bone-safety judgement is made of. Processes and cell types name their facet once in data
    (`bone_facet`); a node without one inherits it from the nearest IS_A / PART_OF ancestor that has one."""

    OSTEOBLAST = "osteoblast"
    """Osteoblast number, function and differentiation."""
    BONE_FORMATION = "bone_formation"
    """Bone formation (histomorphometry, formation markers, new bone)."""
    MINERALIZATION = "mineralization"
    """Mineralization of skeletal matrix (osteoid, osteomalacia)."""
    FRACTURE_HEALING = "fracture_healing"
    """Fracture and bone-defect healing, spinal fusion."""
    BONE_MASS = "bone_mass"
    """Bone mass and fracture risk: the net skeletal outcome (BMD, fractures)."""
    SKELETAL_GROWTH = "skeletal_growth"
    """Longitudinal growth and the growth plate."""


class Outcome(StrEnum):
    """The result of studying an agent in a disease (STUDIED_IN)."""

    EFFECTIVE = "effective"
    """The disease improved (or was prevented) on the study's main outcome."""
    INEFFECTIVE = "ineffective"
    """No benefit on the study's main outcome."""
    MIXED = "mixed"
    """Benefit in some patients or outcomes and not others."""
    HARMFUL = "harmful"
    """The disease worsened, or the agent induced it."""


class TargetAction(StrEnum):
    INHIBITS = "inhibits"
    ACTIVATES = "activates"
    BINDS = "binds"
    AGONIST = "agonist"
    ANTAGONIST = "antagonist"
    CHELATES = "chelates"
    MODULATES = "modulates"


class AgentKind(StrEnum):
    SMALL_MOLECULE = "small_molecule"
    BIOLOGIC = "biologic"
    SUPPLEMENT = "supplement"
    ION = "ion"
    HORMONE = "hormone"


class Approval(StrEnum):
    APPROVED = "approved"
    INVESTIGATIONAL = "investigational"
    EXPERIMENTAL = "experimental"
    SUPPLEMENT = "supplement"
    WITHDRAWN = "withdrawn"


class DiseaseScope(StrEnum):
    MUSCULOSKELETAL = "musculoskeletal"
    COMPARATOR = "comparator"


# ---------------------------------------------------------------------------------------------------------------
# Identifier formats
# ---------------------------------------------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUB_ID_RE = re.compile(r"^(PMID:[1-9][0-9]{0,8}|DOI:10\.[0-9]{4,9}/\S+)$")
CURIE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:\S+$")
"""Only the shape PREFIX:LOCAL; which prefixes exist and what their local ids look like is the Bioregistry's word."""


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'vitamin-k2')"
        )
    return value


def _pub_id(value: str) -> str:
    if not PUB_ID_RE.match(value):
        raise ValueError(f"{value!r} is not a publication id: write 'PMID:<digits>' or 'DOI:10.<prefix>/<suffix>'")
    return value


def _curie(value: str) -> str:
    """A CURIE whose prefix the Bioregistry knows (case-insensitively, with its synonyms: MESH, CHEBI, HGNC, …) and
    whose local id matches that prefix's registered pattern. The registry ships with the `bioregistry` package, so
    nothing is downloaded."""
    if not CURIE_RE.match(value):
        raise ValueError(f"{value!r} is not a CURIE: write PREFIX:LOCAL, e.g. CHEBI:49662")
    import bioregistry

    prefix, local = value.split(":", 1)
    normalized = bioregistry.normalize_prefix(prefix)
    if normalized is None:
        raise ValueError(f"{prefix!r} is not a prefix the Bioregistry knows (e.g. CHEBI, MESH, GO, CL, UBERON, HGNC, "
                         "DRUGBANK, ATC, MONDO, OMIM); check the spelling at bioregistry.io")
    if not bioregistry.is_valid_identifier(normalized, local):
        pattern = bioregistry.get_pattern(normalized) or "its registered pattern"
        raise ValueError(f"{local!r} is not a valid {prefix} identifier (the Bioregistry's pattern is {pattern})")
    return value


Slug = Annotated[str, Field(max_length=100), AfterValidator(_slug)]
PubId = Annotated[str, Field(max_length=300), AfterValidator(_pub_id)]
Curie = Annotated[str, Field(max_length=100), AfterValidator(_curie)]
MAX_TEXT = 2000
"""Longest text value: at most 8,000 bytes in UTF-8, under Neo4j's ~8 KB index-key limit, so `load` never refuses
what `validate` passed (the shipped data's longest text is ~1,400 characters)."""
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")]
"""Free text: something besides white space, and at most MAX_TEXT characters."""
OptText = Annotated[str, Field(max_length=MAX_TEXT)]
"""Optional free text (`description`, `species`, `model`, …): bounded like Text."""
Flag = StrictBool
"""`true` or `false` only: YAML's yes/no/on/1 and quoted strings are errors, not silently booleans."""
Whole = StrictInt
"""A whole number written as one: "2006" in quotes is an error, not silently 2006."""
Year = Annotated[StrictInt, Field(ge=1800, le=2100)]

# ---------------------------------------------------------------------------------------------------------------
# The models of data/ (what curators write)
# ---------------------------------------------------------------------------------------------------------------


class Strict(BaseModel):
    """Unknown fields are errors: a typo must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Strict):
    """One paper's finding for a claim, with the context that decides how it counts."""

    pub: PubId
    level: EvidenceLevel
    finding: Text
    species: OptText | None = None
    model: OptText | None = None
    comparator: Flag = False
    exposure: Exposure = Exposure.THERAPEUTIC
    regimen: Regimen | None = None
    timing: Timing | None = None
    population: Population | None = None
    intent: Intent | None = None
    """For studies in a disease: prevention or treatment of established disease."""

    @model_validator(mode="after")
    def _population_fits_level(self) -> Evidence:
        if self.population is None:
            return self
        if self.level is EvidenceLevel.ANIMAL and self.population is not Population.ANIMAL_MODEL:
            raise ValueError(f"level animal needs population animal_model (got {self.population.value})")
        if self.level is EvidenceLevel.IN_VITRO and self.population is not Population.CELLS:
            raise ValueError(f"level in_vitro needs population cells (got {self.population.value})")
        if self.population in (Population.ANIMAL_MODEL, Population.CELLS) and self.level not in (
                EvidenceLevel.ANIMAL, EvidenceLevel.IN_VITRO, EvidenceLevel.REVIEW):
            raise ValueError(f"population {self.population.value} needs level animal or in_vitro "
                             f"(got {self.level.value})")
        return self


Evidences = Annotated[list[Evidence], Field(min_length=1)]


class Identifier(Strict):
    curie: Curie
    verified: Flag
    source: Text


class Publication(Strict):
    id: PubId
    title: Text
    journal: Text
    year: Year
    verified: Flag
    verified_source: Text
    pmid: Annotated[str, Field(pattern=r"^[1-9][0-9]{0,8}$")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.[0-9]{4,9}/\S+$")] | None = None
    pmcid: Annotated[str, Field(pattern=r"^PMC[0-9]+$")] | None = None
    first_author: OptText | None = None
    retracted: Flag = False
    """Retracted (or withdrawn): shown with its citations, but it never counts as verified, so it cannot qualify a
    default answer. `retraction` names the notice."""
    retraction: OptText | None = None

    @model_validator(mode="after")
    def _verified_source_names_an_authoritative_page(self) -> Publication:
        if self.verified and not AUTHORITATIVE_SOURCE.search(self.verified_source):
            raise ValueError(
                "verified: true needs a verified_source naming the authoritative page seen: a PubMed, PMC or Europe "
                "PMC address or record, a PubMed mirror keyed by the PMID (say so), or the publisher's own page "
                "(its URL and the word 'publisher'); otherwise set verified: false")
        if self.retracted and not self.retraction:
            raise ValueError("a retracted publication needs `retraction`: the notice (DOI, URL or citation)")
        return self

    @model_validator(mode="after")
    def _id_matches_fields(self) -> Publication:
        if self.id.startswith("PMID:") and self.pmid != self.id[5:]:
            raise ValueError(f"id {self.id} needs `pmid: \"{self.id[5:]}\"` (the two must agree)")
        if self.id.startswith("DOI:") and (self.doi or "").lower() != self.id[4:].lower():
            raise ValueError(f"id {self.id} needs `doi: {self.id[4:]}` (the two must agree)")
        if self.id.startswith("DOI:") and self.pmid:
            raise ValueError(f"this publication has a PMID: its id must be PMID:{self.pmid}")
        return self


AUTHORITATIVE_SOURCE = re.compile(
    r"pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/(pubmed|pmc)|pmc\.ncbi\.nlm\.nih\.gov|pubmed\.gov/"
    r"|pubmedhh\.nlm\.nih\.gov|europepmc\.org|PubMed (record|page|mirror|abstract)|PubMed-(format|derived)"
    r"|PMC (record|page|article page)|PMC\d+ (record|page)|MEDLINE record keyed by"
    r"|https?://\S+.*(publisher|journal's own|the DOI resolving)", re.I | re.S)
"""What a verified publication's `verified_source` must name (the verification policy, docs/curation.md)."""


class AgentClass(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    identifiers: list[Identifier] = []


class TargetClaim(Strict):
    target: Slug
    action: TargetAction
    evidence: Evidences


class MechanismClaim(Strict):
    mechanism: Slug
    evidence: Evidences


class EffectClaim(Strict):
    on: Slug
    direction: Direction
    evidence: Evidences
    tissue: Slug | None = None


class StudyClaim(Strict):
    disease: Slug
    outcome: Outcome
    evidence: Evidences
    phase: Slug | None = None


class NoData(Strict):
    about: Slug
    note: Text


class Agent(Strict):
    id: Slug
    name: Text
    classes: Annotated[list[Slug], Field(min_length=1)]
    kind: AgentKind
    approval: Approval
    synonyms: list[Text] = []
    brand_names: list[Text] = []
    description: OptText | None = None
    identifiers: list[Identifier] = []
    targets: list[TargetClaim] = []
    mechanisms: list[MechanismClaim] = []
    effects: list[EffectClaim] = []
    studies: list[StudyClaim] = []
    no_data: list[NoData] = []


class ParticipatesClaim(Strict):
    pathway: Slug
    evidence: Evidences


class Target(Strict):
    id: Slug
    symbol: Text
    name: Text
    identifiers: list[Identifier] = []
    pathways: list[ParticipatesClaim] = []


class ModulatesClaim(Strict):
    on: Slug
    direction: Direction
    evidence: Evidences


class Mechanism(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    acts_on: list[Slug] = []
    """The targets (gene products) this mechanism works through: an agent with the mechanism must TARGET at least
    one of them (the validator checks; e.g. alk2-kinase-inhibition acts on acvr1)."""
    modulates: list[ModulatesClaim] = []


class RegulatesClaim(Strict):
    process: Slug
    direction: Direction
    evidence: Evidences


class Pathway(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    identifiers: list[Identifier] = []
    regulates: list[RegulatesClaim] = []


class Process(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    identifiers: list[Identifier] = []
    is_a: list[Slug] = []
    part_of: list[Slug] = []
    """Processes this one is part of (fracture healing is part of bone formation): questions and bone facets
    about a process include its parts."""
    occurs_in: list[Slug] = []
    bone_facet: BoneFacet | None = None
    """The bone-safety facet claims on this process speak to (inherited by its subtypes and parts)."""


class DrivesClaim(Strict):
    process: Slug
    evidence: Evidences


class CellType(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    identifiers: list[Identifier] = []
    drives: list[DrivesClaim] = []
    bone_facet: BoneFacet | None = None
    """The bone-safety facet claims on this cell type speak to."""


class Tissue(Strict):
    id: Slug
    name: Text
    description: OptText | None = None
    identifiers: list[Identifier] = []


class Phase(Strict):
    id: Slug
    name: Text
    order: Annotated[StrictInt, Field(ge=1)]
    evidence: Evidences
    description: OptText | None = None


class Disease(Strict):
    id: Slug
    name: Text
    scope: DiseaseScope
    evidence: Evidences
    synonyms: list[Text] = []
    description: OptText | None = None
    identifiers: list[Identifier] = []
    subtype_of: list[Slug] = []
    involves: list[Slug] = []
    manifests: list[Slug] = []
    """The pathological process(es) that define the disease (e.g. heterotopic-ossification): an effective study
    in the disease counts as clinical evidence of inhibiting that process."""
    phases: list[Phase] = []


class LeadUse(Strict):
    """One claim an unverified paper would support: the evidence item it becomes once the paper is verified."""

    claim: Annotated[str, Field(pattern=r"^[A-Z_]+\|[a-z0-9-]+\|[a-z0-9-]+(\|[a-z0-9_-]+)*$|^[a-z0-9-]+$")]
    """A relationship key as the graph shows it (e.g. AFFECTS|minocycline|dystrophic-calcification|inhibits|...),
    or a disease/phase id for evidence on the node itself."""
    level: EvidenceLevel
    finding: Text
    species: OptText | None = None
    model: OptText | None = None
    comparator: Flag = False


class LeadStatus(StrEnum):
    PENDING = "pending"
    """Real, possibly useful, not yet seen on an authoritative page (or its uses not yet checked)."""
    REJECTED = "rejected"
    """Checked and not to be curated (duplicate, unsupported by the paper, retracted …): kept with the reason."""


class Lead(Strict):
    """A paper seen only on publisher or aggregator pages, kept out of the graph until a PubMed/PMC record is seen.

    Leads are the curation backlog: validated (ids must exist) but never loaded, so the graph's citations stay
    verified while the work already done is not lost. docs/curation.md says how to promote one."""

    pub: PubId
    title: Text | None = None
    journal: Text | None = None
    year: Year | None = None
    seen_on: Text | None = None
    """What was seen, where, and why it is not verified. The four fields above are required for a paper that is not
    in publications.yaml, and absent for one that is (cited unverified elsewhere): one record per paper."""
    pmid: Annotated[str, Field(pattern=r"^[1-9][0-9]{0,8}$")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.[0-9]{4,9}/\S+$")] | None = None
    pmcid: Annotated[str, Field(pattern=r"^PMC[0-9]+$")] | None = None
    first_author: OptText | None = None
    status: LeadStatus = LeadStatus.PENDING
    reason: OptText | None = None
    """Why the lead is still a lead (what was searched and not seen), or why it was rejected. Required for a
    rejected lead, and for a lead on a verified publication (its uses are doubted, not the paper)."""
    uses: Annotated[list[LeadUse], Field(min_length=1)]

    @model_validator(mode="after")
    def _rejection_is_explained(self) -> Lead:
        if self.status is LeadStatus.REJECTED and not self.reason:
            raise ValueError("a rejected lead needs a `reason`")
        return self


class ScreeningScope(StrEnum):
    DISEASE = "disease"
    AGENT_CLASS = "agent_class"
    TOPIC = "topic"


class Decision(StrEnum):
    INCLUDE = "include"
    EXCLUDE = "exclude"


class ExclusionReason(StrEnum):
    OFF_TOPIC = "off_topic"
    NO_AGENT = "no_agent"
    """No pharmacological agent is studied."""
    NO_MSK_OR_BONE_OUTCOME = "no_msk_or_bone_outcome"
    DUPLICATE = "duplicate"
    REVIEW_WITHOUT_NEW_DATA = "review_without_new_data"
    NOT_RETRIEVABLE = "not_retrievable"
    """No page showed enough of the paper to screen it."""
    ALREADY_CITED = "already_cited"
    """Already in data/ and adds nothing new."""


class ScreeningSearch(Strict):
    source: Text
    """The literature source searched (e.g. `pages`: stored PubMed, PMC and publisher pages)."""
    query: Text
    hits: Annotated[StrictInt, Field(ge=0)]
    screened: Annotated[StrictInt, Field(ge=0)]


class ScreeningRecord(Strict):
    """One paper screened, with the decision. An included record names the claim it supports (an existing claim key,
    or one proposed for curation) and what it found; an excluded one says why."""

    pub: PubId | None
    """PMID or DOI as the page showed it; null when the page showed neither (then `seen_on` has the URL)."""
    title: Text
    journal: OptText | None = None
    year: Year | None = None
    seen_on: Text
    authoritative: Flag
    """Seen on PubMed, PMC, Europe PMC or the publisher's own page for the DOI."""
    decision: Decision
    reason: ExclusionReason | None = None
    agent: OptText | None = None
    claim: OptText | None = None
    level: EvidenceLevel | None = None
    population: Population | None = None
    intent: Intent | None = None
    regimen: Regimen | None = None
    timing: Timing | None = None
    finding: OptText | None = None
    note: OptText | None = None

    @model_validator(mode="after")
    def _decision_is_explained(self) -> ScreeningRecord:
        if self.decision is Decision.EXCLUDE and self.reason is None:
            raise ValueError("an excluded record needs a `reason`")
        if self.decision is Decision.INCLUDE and not (self.claim and self.level and self.finding):
            raise ValueError("an included record needs the `claim` it supports, its `level` and its `finding`")
        return self


class ScreeningAbsence(Strict):
    """An explicit, searched-for gap ("no randomised trial of any drug"), with the searches that established it."""

    about: Text
    searches: Annotated[list[Annotated[StrictInt, Field(ge=1)]], Field(min_length=1)]
    """1-based indexes into the log's `searches`."""


class ScreeningLog(Strict):
    """A recorded literature search and screening for one disease, agent class or topic (a living-review log, the
    measure of how complete the graph is). Validated with the rest of data/, never loaded into the graph."""

    scope: ScreeningScope
    about: Slug
    searched_on: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    searches: Annotated[list[ScreeningSearch], Field(min_length=1)]
    records: list[ScreeningRecord] = []
    absences: list[ScreeningAbsence] = []
    summary: Text


class DataFile(Strict):
    """One YAML file under data/: any of these sections, each a list of entities."""

    publications: list[Publication] = []
    agent_classes: list[AgentClass] = []
    agents: list[Agent] = []
    targets: list[Target] = []
    mechanisms: list[Mechanism] = []
    pathways: list[Pathway] = []
    processes: list[Process] = []
    cell_types: list[CellType] = []
    tissues: list[Tissue] = []
    diseases: list[Disease] = []
    leads: list[Lead] = []
    """Not graph content: the verification backlog (see `Lead`)."""
    screening: ScreeningLog | None = None
    """Not graph content: a screening log (see `ScreeningLog`), one per file under data/screening/."""


SECTION_KIND: dict[str, NodeKind] = {
    "publications": NodeKind.PUBLICATION,
    "agent_classes": NodeKind.AGENT_CLASS,
    "agents": NodeKind.AGENT,
    "targets": NodeKind.TARGET,
    "mechanisms": NodeKind.MECHANISM,
    "pathways": NodeKind.PATHWAY,
    "processes": NodeKind.PROCESS,
    "cell_types": NodeKind.CELL_TYPE,
    "tissues": NodeKind.TISSUE,
    "diseases": NodeKind.DISEASE,
}

# ---------------------------------------------------------------------------------------------------------------
# The graph: node and relationship kinds with their endpoints and properties
# ---------------------------------------------------------------------------------------------------------------

PropType = Literal["str", "int", "bool", "float", "str[]", "int[]", "bool[]"]


class NodeSpec(BaseModel):
    kind: NodeKind
    properties: dict[str, PropType]
    searchable: tuple[str, ...] = ("name",)
    """Properties the full-text index covers."""


class RelSpec(BaseModel):
    kind: RelKind
    sources: tuple[NodeKind, ...]
    targets: tuple[NodeKind, ...]
    properties: dict[str, PropType]
    claim: bool
    """A claim carries evidence (the EVIDENCE_PROPERTIES); a structural edge need not."""
    description: str


_IDENT: dict[str, PropType] = {"identifiers": "str[]", "identifiers_verified": "bool[]"}
_BASE: dict[str, PropType] = {"id": "str", "name": "str", "description": "str", "search_text": "str"}

EVIDENCE_PROPERTIES: dict[str, PropType] = {
    "evidence_pubs": "str[]",
    "evidence_levels": "str[]",
    "evidence_findings": "str[]",
    "evidence_species": "str[]",
    "evidence_models": "str[]",
    "evidence_comparator": "bool[]",
    "evidence_verified": "bool[]",
    "evidence_exposures": "str[]",
    "evidence_regimens": "str[]",
    "evidence_timings": "str[]",
    "evidence_populations": "str[]",
    "evidence_intents": "str[]",
    "best_level": "str",
    "best_rank": "int",
    "verified_count": "int",
}
"""How evidence sits on a relationship: parallel lists, item i of each describing one evidence item (Neo4j
properties cannot hold maps). `evidence_verified[i]` copies the cited publication's verified flag."""
TEXT_PROPERTIES: tuple[str, ...] = ("evidence_findings", "evidence_species", "evidence_models", "description",
                                    "search_text")
"""Free text: most of a claim's bytes, and nothing a verdict reads. A question whose GraphQL selection reads none of
them (api.graphql.request_plan.TEXT_FIELDS) is answered from a projection without them
(graph.cypher_gen.lean_question); both stores still give the same answer, since no selected field shows them."""

NODES: dict[NodeKind, NodeSpec] = {
    spec.kind: spec
    for spec in [
        NodeSpec(
            kind=NodeKind.AGENT,
            properties={**_BASE, "synonyms": "str[]", "brand_names": "str[]", "kind": "str", "approval": "str",
                        **_IDENT, "no_data_about": "str[]", "no_data_notes": "str[]",
                        "no_data_facets": "str[]"},
            searchable=("name", "synonyms", "brand_names"),
        ),
        NodeSpec(kind=NodeKind.AGENT_CLASS, properties={**_BASE, **_IDENT}),
        NodeSpec(kind=NodeKind.TARGET, properties={**_BASE, "symbol": "str", **_IDENT}, searchable=("name", "symbol")),
        NodeSpec(kind=NodeKind.MECHANISM, properties={**_BASE}),
        NodeSpec(kind=NodeKind.PATHWAY, properties={**_BASE, **_IDENT}),
        NodeSpec(kind=NodeKind.PROCESS, properties={**_BASE, **_IDENT, "bone_facet": "str"}),
        NodeSpec(kind=NodeKind.CELL_TYPE, properties={**_BASE, **_IDENT, "bone_facet": "str"}),
        NodeSpec(kind=NodeKind.TISSUE, properties={**_BASE, **_IDENT}),
        NodeSpec(
            kind=NodeKind.DISEASE,
            properties={**_BASE, "synonyms": "str[]", "scope": "str", **_IDENT, **{
                k: v for k, v in EVIDENCE_PROPERTIES.items()}},
            searchable=("name", "synonyms"),
        ),
        NodeSpec(
            kind=NodeKind.DISEASE_PHASE,
            properties={**_BASE, "order": "int", "disease": "str", **EVIDENCE_PROPERTIES},
        ),
        NodeSpec(
            kind=NodeKind.PUBLICATION,
            properties={"id": "str", "name": "str", "search_text": "str", "title": "str", "journal": "str",
                        "year": "int", "pmid": "str",
                        "doi": "str", "pmcid": "str", "first_author": "str", "verified": "bool",
                        "verified_source": "str", "url": "str", "retracted": "bool", "retraction": "str"},
            searchable=("title",),
        ),
    ]
}

_A, _AC, _T, _M, _PW, _PR, _C, _TI, _D, _DP = (
    NodeKind.AGENT, NodeKind.AGENT_CLASS, NodeKind.TARGET, NodeKind.MECHANISM, NodeKind.PATHWAY, NodeKind.PROCESS,
    NodeKind.CELL_TYPE, NodeKind.TISSUE, NodeKind.DISEASE, NodeKind.DISEASE_PHASE,
)
_EV = EVIDENCE_PROPERTIES

RELATIONSHIPS: dict[RelKind, RelSpec] = {
    spec.kind: spec
    for spec in [
        RelSpec(kind=RelKind.MEMBER_OF, sources=(_A,), targets=(_AC,), properties={}, claim=False,
                description="The agent belongs to the agent class."),
        RelSpec(kind=RelKind.TARGETS, sources=(_A,), targets=(_T,), properties={"action": "str", **_EV}, claim=True,
                description="The agent acts on the gene product (action: inhibits, agonist, ...)."),
        RelSpec(kind=RelKind.HAS_MECHANISM, sources=(_A,), targets=(_M,), properties={**_EV}, claim=True,
                description="The agent works through the mechanism."),
        RelSpec(kind=RelKind.MODULATES, sources=(_M,), targets=(_PW, _PR), properties={"direction": "str", **_EV},
                claim=True, description="The mechanism inhibits or promotes a pathway or process."),
        RelSpec(kind=RelKind.REGULATES, sources=(_PW,), targets=(_PR,), properties={"direction": "str", **_EV},
                claim=True, description="The pathway inhibits or promotes the process."),
        RelSpec(kind=RelKind.PARTICIPATES_IN, sources=(_T,), targets=(_PW,), properties={**_EV}, claim=True,
                description="The gene product takes part in the pathway."),
        RelSpec(kind=RelKind.AFFECTS, sources=(_A,), targets=(_PR, _C),
                properties={"direction": "str", "tissue": "str", "dose": "str", **_EV}, claim=True,
                description="The agent inhibits, promotes or has no effect on a process or cell type."),
        RelSpec(kind=RelKind.STUDIED_IN, sources=(_A,), targets=(_D, _DP),
                properties={"outcome": "str", "disease": "str", **_EV}, claim=True,
                description="The agent was studied in the disease (or one of its phases), with outcome; `disease` "
                            "names the disease studied (for a phase, possibly a subtype using its parent's phases)."),
        RelSpec(kind=RelKind.IS_A, sources=(_PR,), targets=(_PR,), properties={}, claim=False,
                description="The process is a kind of the other (questions about a process include its subtypes)."),
        RelSpec(kind=RelKind.OCCURS_IN, sources=(_PR,), targets=(_TI,), properties={}, claim=False,
                description="The process occurs in the tissue."),
        RelSpec(kind=RelKind.DRIVES, sources=(_C,), targets=(_PR,), properties={**_EV}, claim=True,
                description="The cell type carries out or drives the process."),
        RelSpec(kind=RelKind.INVOLVES, sources=(_D,), targets=(_TI,), properties={}, claim=False,
                description="The disease involves the tissue (cited by the disease's evidence)."),
        RelSpec(kind=RelKind.SUBTYPE_OF, sources=(_D,), targets=(_D,), properties={}, claim=False,
                description="The disease is a subtype of the other."),
        RelSpec(kind=RelKind.HAS_PHASE, sources=(_D,), targets=(_DP,), properties={"order": "int"}, claim=False,
                description="The disease passes through the phase (order 1..n)."),
        RelSpec(kind=RelKind.NEXT, sources=(_DP,), targets=(_DP,), properties={}, claim=False,
                description="The phase is followed by the other."),
        RelSpec(kind=RelKind.PART_OF, sources=(_PR,), targets=(_PR,), properties={}, claim=False,
                description="The process is part of the other (fracture healing is part of bone formation): "
                            "questions about a process include its parts."),
        RelSpec(kind=RelKind.MANIFESTS, sources=(_D,), targets=(_PR,), properties={}, claim=False,
                description="The disease is defined by the pathological process (an effective study in the disease "
                            "is clinical evidence of inhibiting it)."),
    ]
}


def member_docs(enum_cls: type[Enum]) -> dict[str, str]:
    """The docstring written under each member of an enum class in its source (a string right after `A = "a"`):
    the one place a value's meaning is written, read here for the GraphQL SDL and the docs. Members without one
    are absent."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(enum_cls)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for stmt, nxt in itertools.pairwise(body):
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)):
            docs[stmt.targets[0].id] = inspect.cleandoc(nxt.value.value)
    return docs

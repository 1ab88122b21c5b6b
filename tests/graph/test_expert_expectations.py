"""What a pharmacologist expects of the flagship on the shipped data, on both stores. Each test's docstring names
the claims (and papers) that justify the expectation; if curation changes them, the expectation must be re-argued,
not the assertion loosened."""

from __future__ import annotations

from graph import questions as qs
from graph import schema as s
from graph.store import GraphStore
from graph.verdicts import SAFE_VERDICTS, Verdict

F = s.BoneFacet
NSAIDS = ("indomethacin", "ibuprofen", "naproxen", "diclofenac", "celecoxib", "rofecoxib", "parecoxib", "aspirin")
GLUCOCORTICOIDS = ("prednisone", "methylprednisolone", "triamcinolone-acetonide", "prednisolone", "dexamethasone")


def every(store: GraphStore, **kwargs: object) -> dict[str, qs.InhibitorAnswer]:
    q = qs.InhibitorsWithoutHarm(include_harmed=True, verified_only=False, **kwargs)  # type: ignore[arg-type]
    return {a.agent: a for a in qs.inhibitors_without_harm(store, q)}


def default(store: GraphStore) -> set[str]:
    return {a.agent for a in qs.inhibitors_without_harm(store, qs.InhibitorsWithoutHarm())}


def facet(answer: qs.InhibitorAnswer, which: s.BoneFacet) -> Verdict:
    return next(f.verdict for f in answer.bone.facets if f.facet is which)


def test_nsaids_with_fracture_healing_evidence_are_never_presented_as_bone_safe(store: GraphStore) -> None:
    """COX inhibition impairs fracture repair: parecoxib and indomethacin lowered callus strength in rats
    (MODULATES|nsaid-cyclooxygenase-inhibition|fracture-healing|inhibits, PMID 19319614); ibuprofen retarded rat
    fracture healing (AFFECTS|ibuprofen|fracture-healing|inhibits|bone, PMID 8537842); celecoxib impaired it in a
    dose- and time-dependent way (AFFECTS|celecoxib|fracture-healing|inhibits|bone, DOI 10.2106/JBJS.F.00127).
    So every NSAID the flagship reaches is harm or conflicting on fracture healing and never in the default set."""
    answers = every(store)
    reached = [a for a in NSAIDS if a in answers]
    assert {"indomethacin", "ibuprofen", "celecoxib", "rofecoxib"} <= set(reached)
    for agent in reached:
        assert facet(answers[agent], F.FRACTURE_HEALING) in (Verdict.HARM, Verdict.CONFLICTING), agent
        assert answers[agent].verdict not in SAFE_VERDICTS, agent
    assert not set(NSAIDS) & default(store)


def test_an_nsaid_without_a_fracture_study_of_its_own_is_judged_by_its_mechanism(store: GraphStore) -> None:
    """Naproxen has no fracture study of its own in the graph, but works through COX inhibition
    (HAS_MECHANISM|naproxen|nsaid-cyclooxygenase-inhibition), whose effect on fracture healing is cited both ways at
    the human tier: six weeks of indomethacin raised posterior-wall nonunion to 62% in an RCT (PMID 24625922, on
    MODULATES|nsaid-cyclooxygenase-inhibition|fracture-healing|inhibits), while a 2024 meta-analysis of 20
    observational studies found no significant association (DOI 10.3389/fendo.2024.1428240, …|no_effect). The facet
    is therefore conflicting, never no_harm, and its reason says the evidence is indirect."""
    naproxen = every(store)["naproxen"]
    healing = next(f for f in naproxen.bone.facets if f.facet is F.FRACTURE_HEALING)
    assert healing.verdict is Verdict.CONFLICTING
    assert "via mechanism nsaid-cyclooxygenase-inhibition" in healing.reason and healing.indirect


def test_glucocorticoids_are_harm(store: GraphStore) -> None:
    """Glucocorticoids suppress osteoblasts and bone formation and cause bone loss and fractures (the review
    PMID 29962904, curated on AFFECTS|prednisone|bone-mass|inhibits and the glucocorticoid mechanism)."""
    answers = every(store)
    reached = [g for g in GLUCOCORTICOIDS if g in answers]
    assert reached
    assert all(answers[g].verdict is Verdict.HARM for g in reached)


def test_an_agent_whose_only_harm_is_an_overdose_is_not_harm(store: GraphStore) -> None:
    """Etidronate's only impairment is a case report of 2 years of continuous daily use after a dosing error
    (DOI 10.3803/EnM.2012.27.3.247, exposure overdose); the TEMP RCT of cyclical dosing found no bone-density
    difference from placebo (PMID 29519353, AFFECTS|etidronate|bone-mass|no_effect|bone). So it is not harm, and the
    overdose case is shown as set aside."""
    etidronate = every(store)["etidronate"]
    assert etidronate.verdict is not Verdict.HARM
    mass = next(f for f in etidronate.bone.facets if f.facet is F.BONE_MASS)
    assert mass.verdict is Verdict.NO_HARM and mass.set_aside >= 1 and "overdose" in mass.reason
    assert "etidronate" in default(store)


def test_a_nitrogen_bisphosphonate_lowers_bone_formation_yet_raises_bone_mass_as_separate_facets(
        store: GraphStore) -> None:
    """Pamidronate lowers bone formation by coupling (AFFECTS|pamidronate|bone-formation|inhibits|bone) yet raised
    cortical width and cancellous volume in children with OI (AFFECTS|pamidronate|bone-mass|promotes|bone,
    PMID 12417568): two facets, and an overall `conflicting`, never a single harm."""
    pamidronate = every(store)["pamidronate"]
    assert facet(pamidronate, F.BONE_FORMATION) is Verdict.HARM
    assert facet(pamidronate, F.BONE_MASS) is Verdict.BENEFIT
    assert pamidronate.verdict is Verdict.CONFLICTING
    assert pamidronate.safety is qs.BoneSafety.HARM  # the deprecated label keeps its old meaning


def test_clinical_efficacy_alone_qualifies_an_agent_with_that_study_as_its_evidence(store: GraphStore) -> None:
    """SNF472 (hexasodium fytate) has no inhibits claim, but the CALCIPHYX RCT in calciphylaxis — a disease that
    manifests vascular calcification — is a mixed result (fewer hospitalisations and deaths, primary endpoints not
    met; STUDIED_IN|snf472|calciphylaxis|mixed, PMID 39252867): it qualifies by clinical evidence, shown as such."""
    snf472 = every(store)["snf472"]
    assert snf472.qualified_by == ["clinical"] and not snf472.inhibitions
    assert [e.key for e in snf472.efficacy] == ["STUDIED_IN|snf472|calciphylaxis|mixed"]
    assert "snf472" not in every(store, clinical=False)


def test_the_default_answer_holds_no_agent_with_harm_at_clinical_exposure(store: GraphStore) -> None:
    """The done-when of the evidence-model issue, as a property of every default answer: no facet of a listed
    agent is harm or conflicting."""
    answers = qs.inhibitors_without_harm(store, qs.InhibitorsWithoutHarm())
    assert answers
    for a in answers:
        assert all(f.verdict not in (Verdict.HARM, Verdict.CONFLICTING) for f in a.bone.facets), a.agent

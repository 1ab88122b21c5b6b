"""The bone-safety verdict rule (graph/verdicts.py), one behaviour per test, on hand-made claims."""

from __future__ import annotations

from typing import Any

from graph import schema as s
from graph.store import Edge
from graph.verdicts import BoneClaim, FacetVerdict, Verdict, bone_verdict, facet_verdict, overall_verdict

F = s.BoneFacet


def item(level: str, *, verified: bool = True, exposure: str = "therapeutic", regimen: str = "",
         timing: str = "", population: str = "") -> dict[str, Any]:
    return {"level": level, "verified": verified, "exposure": exposure, "regimen": regimen, "timing": timing,
            "population": population}


def claim(direction: str, *items: dict[str, Any], target: str = "bone-formation", source: str = "a",
          facet: s.BoneFacet | None = F.BONE_FORMATION, via: Edge | None = None) -> BoneClaim:
    props = {
        "direction": direction, "key": f"AFFECTS|{source}|{target}|{direction}",
        "evidence_pubs": [f"PMID:{i + 1}" for i in range(len(items))],
        "evidence_levels": [i["level"] for i in items], "evidence_findings": ["x"] * len(items),
        "evidence_species": [""] * len(items), "evidence_models": [""] * len(items),
        "evidence_comparator": [False] * len(items), "evidence_verified": [i["verified"] for i in items],
        "evidence_exposures": [i["exposure"] for i in items], "evidence_regimens": [i["regimen"] for i in items],
        "evidence_timings": [i["timing"] for i in items], "evidence_populations": [i["population"] for i in items],
        "evidence_intents": [""] * len(items),
    }
    kind = s.RelKind.MODULATES if via else s.RelKind.AFFECTS
    return BoneClaim(Edge(props["key"], kind, source, target, props), facet, via)


def verdict(*claims: BoneClaim) -> FacetVerdict:
    return facet_verdict(F.BONE_FORMATION, claims)


def test_no_evidence_is_no_data_with_the_curated_note() -> None:
    found = facet_verdict(F.BONE_MASS, [], "No study of the agent on bone density was found.")
    assert found.verdict is Verdict.NO_DATA
    assert found.reason == "no_data: No study of the agent on bone density was found."


def test_an_overdose_case_never_outweighs_a_trial_at_clinical_dose() -> None:
    found = verdict(claim("inhibits", item("case_report", exposure="overdose")), claim("no_effect", item("rct")))
    assert found.verdict is Verdict.NO_HARM
    assert found.set_aside == 1 and "not counted: 1 case_report at overdose exposure (impairment)" in found.reason


def test_harm_seen_only_at_supratherapeutic_exposure_is_no_data_not_harm() -> None:
    found = verdict(claim("inhibits", item("animal", exposure="supratherapeutic")))
    assert found.verdict is Verdict.NO_DATA and found.set_aside == 1


def test_human_evidence_outweighs_animal_and_animal_outweighs_in_vitro() -> None:
    assert verdict(claim("inhibits", item("animal")), claim("no_effect", item("cohort"))).verdict is Verdict.NO_HARM
    found = verdict(claim("inhibits", item("in_vitro")), claim("promotes", item("animal")))
    assert found.verdict is Verdict.BENEFIT
    assert "not deciding, weaker tier: impairment (1 in_vitro)" in found.reason


def test_population_when_curated_decides_the_tier() -> None:
    # a review summarising animal work is animal-tier evidence when curated so
    found = verdict(claim("inhibits", item("review", population="animal_model")), claim("no_effect", item("animal")))
    assert found.verdict is Verdict.CONFLICTING


def test_disagreement_at_the_strongest_tier_is_conflicting_never_collapsed() -> None:
    found = verdict(claim("inhibits", item("animal")), claim("no_effect", item("animal")))
    assert found.verdict is Verdict.CONFLICTING
    assert found.reason == "conflicting: animal evidence shows impairment (1 animal), no effect (1 animal)"


def test_verified_evidence_outweighs_unverified_at_the_same_tier() -> None:
    found = verdict(claim("inhibits", item("animal")), claim("no_effect", item("animal", verified=False)))
    assert found.verdict is Verdict.HARM and "not deciding, unverified: no effect (1 animal)" in found.reason
    # unverified harm still counts when nothing verified stands against it
    assert verdict(claim("inhibits", item("animal", verified=False))).verdict is Verdict.HARM


def test_benefit_needs_every_deciding_item_to_show_benefit() -> None:
    assert verdict(claim("promotes", item("rct"), item("cohort"))).verdict is Verdict.BENEFIT
    assert verdict(claim("promotes", item("rct")), claim("no_effect", item("rct"))).verdict is Verdict.NO_HARM


def test_evidence_split_by_regimen_is_reported_per_regimen_and_the_facet_takes_the_caution() -> None:
    found = verdict(claim("inhibits", item("animal", regimen="continuous")),
                    claim("no_effect", item("rct", regimen="cyclical")))
    assert found.verdict is Verdict.HARM
    assert [(c.regimen, c.verdict) for c in found.contexts] == [(s.Regimen.CONTINUOUS, Verdict.HARM),
                                                               (s.Regimen.CYCLICAL, Verdict.NO_HARM)]
    assert found.reason.startswith("harm: differs by context — continuous: harm")


def test_an_item_that_states_no_context_is_judged_with_the_others() -> None:
    found = verdict(claim("inhibits", item("animal")), claim("no_effect", item("animal", regimen="continuous")))
    assert found.verdict is Verdict.CONFLICTING and not found.contexts


def test_mechanism_evidence_decides_only_a_facet_without_direct_evidence() -> None:
    has = Edge("HAS_MECHANISM|a|m", s.RelKind.HAS_MECHANISM, "a", "m", {"key": "HAS_MECHANISM|a|m"})
    indirect = claim("inhibits", item("animal"), source="m", via=has)
    only = verdict(indirect)
    assert only.verdict is Verdict.HARM and "via mechanism m" in only.reason and only.indirect
    both = verdict(indirect, claim("no_effect", item("animal")))
    assert both.verdict is Verdict.NO_HARM and not both.indirect


def test_overall_harm_on_one_facet_and_benefit_on_another_is_conflicting() -> None:
    facets = bone_verdict([claim("inhibits", item("animal")),
                           claim("promotes", item("rct"), target="bone-mass", facet=F.BONE_MASS)], list(F))
    assert facets.verdict is Verdict.CONFLICTING
    assert facets.reason.startswith("conflicting: bone_formation harm, bone_mass benefit; no data on osteoblast")


def test_overall_rule_in_order() -> None:
    def of(*verdicts: Verdict) -> Verdict:
        return overall_verdict([FacetVerdict(None, x, f"{x.value}: x", [], []) for x in verdicts])[0]

    assert of(Verdict.HARM, Verdict.NO_HARM) is Verdict.HARM
    assert of(Verdict.CONFLICTING, Verdict.BENEFIT) is Verdict.CONFLICTING
    assert of(Verdict.BENEFIT, Verdict.NO_HARM, Verdict.NO_DATA) is Verdict.BENEFIT
    assert of(Verdict.NO_HARM, Verdict.NO_DATA) is Verdict.NO_HARM
    assert of(Verdict.NO_DATA, Verdict.NO_DATA) is Verdict.NO_DATA


def test_the_answer_does_not_depend_on_the_order_a_store_returns_claims_in() -> None:
    claims = [claim("inhibits", item("animal"), target="p5", facet=None),
              claim("no_effect", item("rct"), target="bone-mass", facet=F.BONE_MASS),
              claim("promotes", item("cohort"), target="skeletal-mineralization", facet=F.MINERALIZATION)]
    facets = [F.OSTEOBLAST, F.BONE_FORMATION]
    assert bone_verdict(claims, facets) == bone_verdict(list(reversed(claims)), facets)
    assert [f.facet for f in bone_verdict(claims, facets).facets] == [
        F.OSTEOBLAST, F.BONE_FORMATION, F.MINERALIZATION, F.BONE_MASS, None]


def test_strength_does_not_depend_on_claim_order_when_levels_tie_in_rank() -> None:
    from graph.questions import strength

    review = claim("inhibits", item("review"), target="p1").claim
    report = claim("inhibits", item("case_report"), target="p2").claim
    assert strength([review, report]) == strength([report, review])

"""The bone-safety verdict rule — written once; every question, the API, the CLI and the docs use this module.

A drug that stops ectopic calcification can also harm the skeleton, so calcigraph judges bone safety per facet
(`schema.BoneFacet`: osteoblast, bone formation, mineralization, fracture healing, bone mass / fracture risk,
skeletal growth) and derives the agent's overall verdict from the facets. docs/verdicts.md works an example.

**Inputs.** An agent's *bone claims*: every AFFECTS claim of the agent on a process or cell type that carries a bone
facet (resolved once by `graph.kb`, inherited along IS_A / PART_OF), and, as *indirect* evidence, every MODULATES
claim on such a node by a mechanism the agent HAS_MECHANISM. Each evidence item of a claim is one observation with
its claim's direction: `inhibits` is impairment (harm), `promotes` is benefit, `no_effect` is no effect.

**Facet rule** (`facet_verdict`):

1. *Exposure.* Only items at therapeutic exposure count. Supratherapeutic and overdose items are set aside: listed
   with the answer and named in the reason, never deciding (an overdose case never outweighs a trial).
2. *Direct before indirect.* A facet with counted direct items is decided by them alone; mechanism-level items
   decide only a facet that has no counted direct item (the reason then says "via mechanism").
3. *Context.* When every counted item states its context (regimen and/or timing) and they differ, the items are
   grouped by context and each group gets a verdict by step 4. If the groups agree, that is the verdict; if they
   disagree, the facet takes the least favourable one (harm > conflicting > no_harm > benefit) and lists each
   context's verdict: continuous high-dose etidronate and cyclical etidronate are both true, and a researcher must
   see which applies. An item that states no context could belong to any, so then the items are judged together.
4. *Strength.* Within a group the strongest population tier decides: human (clinical studies, guidelines, reviews)
   over animal over in vitro; lower tiers are named as "not deciding, weaker tier". Among the items of that tier,
   verified items outweigh unverified ones (when any is verified, only verified items decide). The deciding items:
   all impairment → `harm`; impairment and any benefit or no effect → `conflicting`; all benefit → `benefit`;
   otherwise (no effect, or no effect and benefit) → `no_harm`.
5. No counted item → `no_data` (with the curated no-data note, when there is one).

**Overall rule** (`overall_verdict`): some facet `harm` and another `benefit` → `conflicting` (nitrogen-containing
bisphosphonates lower bone formation by coupling yet raise bone mass); else any `harm` → `harm`; else any
`conflicting` → `conflicting`; else any `benefit` → `benefit`; else any `no_harm` → `no_harm`; else `no_data`.
`conflicting` is its own outcome: it is never collapsed into harm or safety.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graph import schema as s
from graph.store import Edge, EvidenceItem


class Verdict(StrEnum):
    """A bone-safety verdict, per facet and overall (the rule: graph/verdicts.py, docs/verdicts.md)."""

    BENEFIT = "benefit"
    """The strongest evidence shows benefit (promotes) and nothing at that strength shows harm."""
    NO_HARM = "no_harm"
    """The strongest evidence shows no effect (or no effect and benefit), and nothing at that strength shows harm."""
    NO_DATA = "no_data"
    """No evidence at therapeutic exposure."""
    CONFLICTING = "conflicting"
    """The strongest evidence disagrees (harm and no harm), or facets disagree (harm on one, benefit on another)."""
    HARM = "harm"
    """The strongest evidence shows impairment, with nothing at that strength against it."""


VERDICT_ORDER: dict[Verdict, int] = {Verdict.BENEFIT: 0, Verdict.NO_HARM: 1, Verdict.NO_DATA: 2,
                                     Verdict.CONFLICTING: 3, Verdict.HARM: 4}
"""Order of answers (most favourable first)."""
CAUTION: dict[Verdict, int] = {Verdict.BENEFIT: 0, Verdict.NO_HARM: 1, Verdict.NO_DATA: 1, Verdict.CONFLICTING: 2,
                               Verdict.HARM: 3}
"""Which of two context verdicts a facet takes when contexts disagree (the higher)."""
SAFE_VERDICTS: tuple[Verdict, ...] = (Verdict.BENEFIT, Verdict.NO_HARM, Verdict.NO_DATA)
"""What the default flagship answer lists; harm and conflicting only on request."""

HUMAN, ANIMAL, IN_VITRO = "human", "animal", "in_vitro"
TIER_RANK = {HUMAN: 3, ANIMAL: 2, IN_VITRO: 1}
EFFECT_WORDS = {s.Direction.INHIBITS.value: "impairment", s.Direction.PROMOTES.value: "benefit",
                s.Direction.NO_EFFECT.value: "no effect"}


def tier(item: EvidenceItem) -> str:
    """Population tier of an observation: its `population` when curated, else what its level implies."""
    if item.population is s.Population.CELLS or (item.population is None and item.level is s.EvidenceLevel.IN_VITRO):
        return IN_VITRO
    if item.population is s.Population.ANIMAL_MODEL or (item.population is None
                                                        and item.level is s.EvidenceLevel.ANIMAL):
        return ANIMAL
    return HUMAN


@dataclass(frozen=True)
class BoneClaim:
    """A claim on a faceted node: the agent's own AFFECTS claim, or a mechanism's MODULATES claim reached through
    the agent's HAS_MECHANISM claim `via` (indirect evidence)."""

    claim: Edge
    facet: s.BoneFacet | None
    """None for a node outside the six facets (only when a question's `spare` names one)."""
    via: Edge | None = None


@dataclass(frozen=True)
class Observation:
    claim: BoneClaim
    item: EvidenceItem

    @property
    def direction(self) -> str:
        return str(self.claim.claim.props["direction"])


@dataclass(frozen=True)
class ContextVerdict:
    regimen: s.Regimen | None
    timing: s.Timing | None
    verdict: Verdict
    reason: str


@dataclass(frozen=True)
class FacetVerdict:
    facet: s.BoneFacet | None
    verdict: Verdict
    reason: str
    """One line: the verdict, the evidence that decided it, and what was outweighed or set aside."""
    claims: list[Edge]
    """The agent's own claims on this facet (including set-aside ones)."""
    indirect: list[Edge]
    """Mechanism claims on this facet, when they decided it (no counted direct evidence)."""
    contexts: list[ContextVerdict] = field(default_factory=list)
    """Per context (regimen, timing), when the counted evidence comes from more than one."""
    counted: int = 0
    set_aside: int = 0


@dataclass(frozen=True)
class BoneVerdict:
    verdict: Verdict
    reason: str
    facets: list[FacetVerdict]


def facet_verdict(facet: s.BoneFacet | None, claims: Sequence[BoneClaim], no_data_note: str | None = None
                  ) -> FacetVerdict:
    """One facet's verdict from the claims on it (steps 1-5 of the module docstring)."""
    direct = [c for c in claims if c.via is None]
    therapeutic = s.Exposure.THERAPEUTIC
    counted: list[Observation] = []
    set_aside: list[Observation] = []
    for c in direct:
        for i in c.claim.evidence:
            (counted if i.exposure is therapeutic else set_aside).append(Observation(c, i))
    used_indirect: list[BoneClaim] = []
    if not counted:  # indirect evidence decides only a facet without counted direct evidence
        counted = [Observation(c, i) for c in claims if c.via is not None for i in c.claim.evidence
                   if i.exposure is therapeutic]
        used_indirect = sorted({id(o.claim): o.claim for o in counted}.values(), key=lambda c: c.claim.key)
    own = sorted({c.claim.key: c.claim for c in direct}.values(), key=lambda e: e.key)
    aside = _set_aside_note(set_aside)
    if not counted:
        reason = "no_data: " + (no_data_note or "no curated study at therapeutic exposure")
        return FacetVerdict(facet, Verdict.NO_DATA, reason + (f"; {aside}" if aside else ""), own, [],
                            counted=0, set_aside=len(set_aside))
    groups: dict[tuple[s.Regimen | None, s.Timing | None], list[Observation]] = {}
    if all(o.item.regimen or o.item.timing for o in counted):
        for o in counted:
            groups.setdefault((o.item.regimen, o.item.timing), []).append(o)
    else:
        groups[(None, None)] = list(counted)
    decided = {ctx: _group_verdict(obs) for ctx, obs in sorted(groups.items(), key=lambda kv: _context_sort(kv[0]))}
    verdicts = {v for v, _ in decided.values()}
    contexts: list[ContextVerdict] = []
    if len(decided) > 1:
        contexts = [ContextVerdict(r, t, v, why) for (r, t), (v, why) in decided.items()]
    if len(verdicts) == 1:
        verdict = next(iter(verdicts))
        reason = f"{verdict.value}: " + "; ".join(why for _, why in decided.values()) if len(decided) > 1 else \
            f"{verdict.value}: {next(iter(decided.values()))[1]}"
    else:
        verdict = max(verdicts, key=lambda v: (CAUTION[v], VERDICT_ORDER[v]))
        reason = f"{verdict.value}: differs by context — " + "; ".join(
            f"{_context_label(r, t)}: {v.value} ({why})" for (r, t), (v, why) in decided.items())
    if used_indirect:
        names = ", ".join(dict.fromkeys(c.claim.source for c in used_indirect))
        reason += f"; indirect, via mechanism {names} (no direct study of the agent)"
    if aside:
        reason += f"; {aside}"
    return FacetVerdict(facet, verdict, reason, own, [c.claim for c in used_indirect], contexts, len(counted),
                        len(set_aside))


def _group_verdict(observations: Sequence[Observation]) -> tuple[Verdict, str]:
    ranks = [TIER_RANK[tier(o.item)] for o in observations]
    top = max(ranks)
    at_top = [o for o, rank in zip(observations, ranks, strict=True) if rank == top]
    lower = [o for o, rank in zip(observations, ranks, strict=True) if rank < top]
    verified = [o for o in at_top if o.item.verified]
    deciding = verified or at_top
    unverified_aside = [o for o in at_top if not o.item.verified] if verified else []
    directions = {o.direction for o in deciding}
    harm = s.Direction.INHIBITS.value in directions
    if harm and len(directions) > 1:
        verdict = Verdict.CONFLICTING
    elif harm:
        verdict = Verdict.HARM
    elif directions == {s.Direction.PROMOTES.value}:
        verdict = Verdict.BENEFIT
    else:
        verdict = Verdict.NO_HARM
    tier_name = next(name for name, rank in TIER_RANK.items() if rank == top)
    parts = [f"{tier_name} evidence shows {_effects(deciding)}"]
    if verdict is Verdict.HARM:
        parts.append("no contrary evidence at that strength")
    if unverified_aside:
        parts.append("not deciding, unverified: " + _effects(unverified_aside))
    if lower:
        parts.append("not deciding, weaker tier: " + _effects(lower))
    return verdict, "; ".join(parts)


def _effects(observations: Sequence[Observation]) -> str:
    """E.g. 'impairment (2 animal), no effect (1 in_vitro)'."""
    by_direction: dict[str, Counter[str]] = {}
    for o in observations:
        by_direction.setdefault(o.direction, Counter())[o.item.level.value] += 1
    return ", ".join(f"{EFFECT_WORDS[d]} ({_counted_levels(by_direction[d])})"
                     for d in (s.Direction.INHIBITS.value, s.Direction.PROMOTES.value, s.Direction.NO_EFFECT.value)
                     if d in by_direction)


def _counted_levels(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {level}" for level, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _set_aside_note(observations: Sequence[Observation]) -> str:
    if not observations:
        return ""
    counts = Counter(f"{o.item.level.value} at {o.item.exposure.value} exposure ({EFFECT_WORDS[o.direction]})"
                     for o in observations)
    return "not counted: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))


def _context_label(regimen: s.Regimen | None, timing: s.Timing | None) -> str:
    words = [regimen.value if regimen else None, f"started {timing.value}" if timing else None]
    return " ".join(w for w in words if w) or "regimen not stated"


def _context_sort(ctx: tuple[s.Regimen | None, s.Timing | None]) -> tuple[str, str]:
    return (ctx[0].value if ctx[0] else "", ctx[1].value if ctx[1] else "")


def overall_verdict(facets: Sequence[FacetVerdict]) -> tuple[Verdict, str]:
    """The agent's verdict from its facets (the overall rule of the module docstring), with a one-line reason."""
    found = {f.verdict for f in facets}
    if Verdict.HARM in found and Verdict.BENEFIT in found:
        verdict = Verdict.CONFLICTING
    elif Verdict.HARM in found:
        verdict = Verdict.HARM
    elif Verdict.CONFLICTING in found:
        verdict = Verdict.CONFLICTING
    elif Verdict.BENEFIT in found:
        verdict = Verdict.BENEFIT
    elif Verdict.NO_HARM in found:
        verdict = Verdict.NO_HARM
    else:
        verdict = Verdict.NO_DATA
    informative = [f for f in facets if f.verdict is not Verdict.NO_DATA]
    if not informative:
        return verdict, "no_data: no bone-safety evidence at therapeutic exposure on any facet"
    listed = ", ".join(f"{_facet_name(f.facet)} {f.verdict.value}" for f in informative)
    missing = [f for f in facets if f.verdict is Verdict.NO_DATA]
    tail = f"; no data on {', '.join(_facet_name(f.facet) for f in missing)}" if missing else ""
    return verdict, f"{verdict.value}: {listed}{tail}"


def _facet_name(facet: s.BoneFacet | None) -> str:
    return facet.value if facet else "other"


def bone_verdict(claims: Sequence[BoneClaim], facets: Sequence[s.BoneFacet | None],
                 no_data_notes: Mapping[s.BoneFacet | None, str] | None = None) -> BoneVerdict:
    """Every facet in `facets` (in that order, then any other facet the claims reach) judged from `claims`, and the
    overall verdict."""
    notes = no_data_notes or {}
    by_facet: dict[s.BoneFacet | None, list[BoneClaim]] = {f: [] for f in facets}
    for c in claims:
        by_facet.setdefault(c.facet, []).append(c)
    # `facets` first, in their order; facets only the claims reach follow in schema order (None last), so the answer
    # never depends on the order a store returned the claims in
    extra = sorted((f for f in by_facet if f not in facets), key=lambda f: list(s.BoneFacet).index(f) if f else 99)
    judged = [facet_verdict(f, by_facet[f], notes.get(f)) for f in [*facets, *extra]]
    verdict, reason = overall_verdict(judged)
    return BoneVerdict(verdict, reason, judged)

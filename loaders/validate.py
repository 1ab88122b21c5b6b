"""Validate data/ into a KnowledgeBase, or say precisely what is wrong and where.

Two passes. Per file: YAML syntax, duplicate keys, and the pydantic models of `graph.schema` (unknown fields,
missing fields, enum values, id formats, every claim cited). Across files: duplicate ids, dangling references
(with the kind expected), phase order, phases belonging to the study's disease, publications that exist.
Nothing is returned unless everything passes: callers never load half a knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from graph import schema as s
from graph.kb import KnowledgeBase, Located
from loaders.yaml_source import Loc, YamlDoc, format_loc, read


@dataclass(frozen=True, order=True)
class Issue:
    """One problem: where (file, line, field) and what to do."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InvalidData(Exception):
    """data/ did not validate; `issues` lists every problem found (not just the first)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues)
        super().__init__(f"{len(self.issues)} problem(s) in the data:\n" + "\n".join(map(str, self.issues)))


def data_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.exists():
        raise FileNotFoundError(f"{root} does not exist: pass the data folder (default: data/) or one YAML file")
    # a dangling symlink or an unreadable entry is kept, so the reader reports it (file:line) instead of skipping it
    return sorted(p for p in root.rglob("*.yaml") if p.is_file() or p.is_symlink())


def load_knowledge_base(root: Path, context: Path | None = None) -> KnowledgeBase:
    """Read and validate every YAML file under `root`; raise InvalidData listing all problems.

    With `root` a single file, its references are resolved against the `context` folder (the data folder it
    belongs to) and only that file's problems are reported.
    """
    if root.is_file() and context is not None and context.is_dir():
        focus = _rel(root)
        try:
            kb = load_knowledge_base(context if root.resolve().is_relative_to(context.resolve()) else root)
        except InvalidData as exc:
            mine = [i for i in exc.issues if i.file == focus]
            if mine:
                raise InvalidData(mine) from None
            raise
        return kb
    files = data_files(root)
    if not files:
        raise InvalidData([Issue(str(root), 1, "", "no *.yaml files found; is this the data folder?")])
    issues: list[Issue] = []
    parsed: list[tuple[YamlDoc, s.DataFile]] = []
    for path in files:
        doc = read(path)
        name = _rel(path)
        issues += [Issue(name, i.line, "", i.message) for i in doc.issues]
        if doc.data is None:
            continue
        model = _validate_file(doc, name, issues)
        if model is not None:
            parsed.append((doc, model))
    if issues:
        raise InvalidData(issues)
    kb = KnowledgeBase()
    for doc, model in parsed:
        _collect(kb, doc, _rel(doc.path), model, issues)
    issues += _cross_checks(kb)
    if issues:
        raise InvalidData(issues)
    return kb


def _rel(path: Path) -> str:
    """Paths as the user typed them: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _validate_file(doc: YamlDoc, name: str, issues: list[Issue]) -> s.DataFile | None:
    if not isinstance(doc.data, dict):
        issues.append(Issue(name, doc.line_of(()), "", "a data file is a mapping of sections "
                                                       f"({', '.join(s.SECTION_KIND)}) at the top level"))
        return None
    try:
        return s.DataFile.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc: Loc = tuple(p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-"))
            issues.append(Issue(name, doc.line_of(loc), format_loc(loc), _explain(err)))
        return None


def _explain(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        return "unknown field; check its spelling against docs/curation.md (unknown fields are not loaded)"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{err.get('input')!r} is not allowed; use one of {expected}"
    if kind == "too_short" and err["loc"] and err["loc"][-1] == "evidence":
        return "every claim needs at least one evidence item (pub, level, finding)"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "string_pattern_mismatch":
        return f"{err.get('input')!r} does not match the expected format {err.get('ctx', {}).get('pattern')}"
    return f"{err['msg']} (got {err.get('input')!r})"


def _collect(kb: KnowledgeBase, doc: YamlDoc, name: str, model: s.DataFile, issues: list[Issue]) -> None:
    for section, kind in s.SECTION_KIND.items():
        for index, entity in enumerate(getattr(model, section)):
            loc = (section, index)
            where = Located(name, doc.line_of((*loc, "id")), loc)
            kb.add(kind, entity, where)
            if kind is s.NodeKind.DISEASE:
                for p_index, phase in enumerate(entity.phases):
                    p_loc = (*loc, "phases", p_index)
                    kb.add(s.NodeKind.DISEASE_PHASE, phase, Located(name, doc.line_of((*p_loc, "id")), p_loc),
                           disease=entity.id)
    for index, lead in enumerate(model.leads):
        loc = ("leads", index)
        kb.leads.append((lead, Located(name, doc.line_of((*loc, "pub")), loc)))
    if model.screening is not None:
        kb.screening.append((model.screening, Located(name, doc.line_of(("screening", "about")), ("screening",))))
    kb.docs[name] = doc


def _cross_checks(kb: KnowledgeBase) -> list[Issue]:
    issues: list[Issue] = []
    for dup in kb.duplicates:
        first = kb.where[dup.id]
        issues.append(Issue(dup.where.file, dup.where.line, format_loc((*dup.where.loc, "id")),
                            f"id {dup.id!r} is already used by a {first.kind} at {first.file}:{first.line}; "
                            "ids are unique across all kinds — choose another"))
    for ref in _references(kb):
        issues += _check_ref(kb, ref)
    issues += _check_phases(kb)
    issues += _check_comparator_settings(kb)
    issues += _check_duplicate_publications(kb)
    issues += _check_leads(kb)
    issues += _check_screening(kb)
    issues += _check_orphans(kb)
    issues += _check_no_data_contradictions(kb)
    if not issues:
        issues += _check_duplicate_claims(kb)
    return issues


def _check_orphans(kb: KnowledgeBase) -> list[Issue]:
    """No dead ends: a mechanism is used by an agent and acts on something (MODULATES); a pathway reaches a process
    (REGULATES); an agent with a mechanism targets a gene product the mechanism names in `acts_on`."""
    K = s.NodeKind
    issues: list[Issue] = []
    used = {m.mechanism for a in kb.of(K.AGENT) for m in a.mechanisms}
    for mech in kb.of(K.MECHANISM):
        where = kb.where[mech.id]
        if mech.id not in used:
            issues.append(Issue(where.file, where.line, format_loc((*where.loc, "id")),
                                f"mechanism {mech.id!r} is used by no agent: add it to an agent's `mechanisms` "
                                "(with evidence) or remove it"))
        if not mech.modulates:
            issues.append(Issue(where.file, where.line, format_loc((*where.loc, "modulates")),
                                f"mechanism {mech.id!r} modulates nothing: add a cited `modulates` claim on the "
                                "pathway or process it acts on"))
        for i, target in enumerate(mech.acts_on):
            issues += _check_ref(kb, _Ref(mech.id, (*where.loc, "acts_on", i), target, (K.TARGET,)))
    for pw in kb.of(K.PATHWAY):
        if not pw.regulates:
            where = kb.where[pw.id]
            issues.append(Issue(where.file, where.line, format_loc((*where.loc, "regulates")),
                                f"pathway {pw.id!r} reaches no process: add a cited `regulates` claim"))
    mechanisms = kb.entities[K.MECHANISM]
    for agent in kb.of(K.AGENT):
        targets = {t.target for t in agent.targets}
        where = kb.where[agent.id]
        for i, m in enumerate(agent.mechanisms):
            needed = getattr(mechanisms.get(m.mechanism), "acts_on", [])
            if needed and not targets & set(needed):
                loc = (*where.loc, "mechanisms", i, "mechanism")
                issues.append(Issue(where.file, kb.docs[where.file].line_of(loc), format_loc(loc),
                                    f"{agent.id!r} works through {m.mechanism!r}, which acts on "
                                    f"{' or '.join(needed)}, but has no TARGETS claim on it: add a cited `targets` "
                                    "entry"))
    return issues


def _check_no_data_contradictions(kb: KnowledgeBase) -> list[Issue]:
    """An agent's `no_data` note on a node it also has an effect claim on says two things at once — usually a stale
    note left after the evidence was curated; the verdict would show the note as if nothing were known."""
    issues: list[Issue] = []
    for agent in kb.of(s.NodeKind.AGENT):
        claimed = {e.on for e in agent.effects}
        where = kb.where[agent.id]
        for i, note in enumerate(agent.no_data):
            if note.about in claimed:
                loc = (*where.loc, "no_data", i, "about")
                issues.append(Issue(where.file, kb.docs[where.file].line_of(loc), format_loc(loc),
                                    f"{agent.id!r} has an effect claim on {note.about!r} and a no_data note on it: "
                                    "remove the stale note (or the claim)"))
    return issues


SCREENED_KIND = {s.ScreeningScope.DISEASE: s.NodeKind.DISEASE, s.ScreeningScope.AGENT_CLASS: s.NodeKind.AGENT_CLASS}


def _check_screening(kb: KnowledgeBase) -> list[Issue]:
    """A screening log is about a real disease or agent class (a topic names itself), once per scope, and its
    absences point at searches it recorded."""
    issues: list[Issue] = []
    seen: dict[tuple[str, str], Located] = {}
    for log, where in kb.screening:
        doc = kb.docs[where.file]
        kind = SCREENED_KIND.get(log.scope)
        about = kb.where.get(log.about)
        if kind is not None and (about is None or about.kind is not kind):
            issues.append(Issue(where.file, where.line, "screening.about",
                                f"{log.about!r} is no {kind.value}; a {log.scope.value} log names one"))
        first = seen.setdefault((log.scope.value, log.about), where)
        if first is not where:
            issues.append(Issue(where.file, where.line, "screening.about",
                                f"{log.scope.value} {log.about!r} already has a log ({first.file}); "
                                "keep one per scope"))
        for i, absence in enumerate(log.absences):
            bad = [n for n in absence.searches if n > len(log.searches)]
            if bad:
                loc = ("screening", "absences", i, "searches")
                issues.append(Issue(where.file, doc.line_of(loc), format_loc(loc),
                                    f"search {bad[0]} does not exist: the log records {len(log.searches)}"))
    return issues


def _check_duplicate_publications(kb: KnowledgeBase) -> list[Issue]:
    """One paper under two ids (e.g. once as DOI:…, once as PMID:…) would split its citations in two."""
    first: dict[tuple[str, str], str] = {}
    issues = []
    for pub in kb.publications.values():
        for field_name in ("pmid", "doi", "pmcid"):
            value = getattr(pub, field_name)
            if not value:
                continue
            other = first.setdefault((field_name, value.lower()), pub.id)
            if other != pub.id:
                where, seen = kb.where[pub.id], kb.where[other]
                issues.append(Issue(where.file, where.line, format_loc((*where.loc, field_name)),
                                    f"{field_name} {value} is also publication {other!r} ({seen.file}:{seen.line}); "
                                    f"one paper, one entry: keep {other!r} and cite it instead of {pub.id!r}"))
    return issues


def _check_leads(kb: KnowledgeBase) -> list[Issue]:
    """A lead names real nodes, is not already a publication, and appears once."""
    issues: list[Issue] = []
    seen: dict[str, Located] = {}
    for lead, where in kb.leads:
        doc = kb.docs[where.file]
        issues += _lead_record_problems(kb, lead, where)
        if lead.pub in seen:
            first = seen[lead.pub]
            issues.append(Issue(where.file, where.line, format_loc((*where.loc, "pub")),
                                f"{lead.pub} is already a lead at {first.file}:{first.line}; list its uses once"))
        seen.setdefault(lead.pub, where)
        for i, use in enumerate(lead.uses):
            loc = (*where.loc, "uses", i, "claim")
            problem = _lead_claim_problem(kb, use.claim)
            if problem:
                issues.append(Issue(where.file, doc.line_of(loc), format_loc(loc), problem))
    return issues


LEAD_RECORD = ("title", "journal", "year", "seen_on", "pmid", "doi", "pmcid", "first_author")


def _lead_record_problems(kb: KnowledgeBase, lead: s.Lead, where: Located) -> list[Issue]:
    """A lead's paper is described once: here when it is in no claim yet, in publications.yaml when it is."""
    loc = (*where.loc, "pub")
    pub = kb.publications.get(lead.pub)
    if pub is not None and pub.verified and not lead.reason:
        seen = kb.where[lead.pub]
        return [Issue(where.file, where.line, format_loc(loc),
                      f"{lead.pub} is already a verified publication ({seen.file}:{seen.line}); move the lead's uses "
                      "into the claims and delete the lead (or give the `reason` they are doubted)")]
    if pub is not None:
        extra = [f for f in LEAD_RECORD if getattr(lead, f) is not None]
        return [Issue(where.file, where.line, format_loc((*where.loc, extra[0])),
                      f"{lead.pub} is described in publications.yaml; remove {', '.join(extra)} from the lead")
                ] if extra else []
    missing = [f for f in ("title", "journal", "year", "seen_on") if getattr(lead, f) is None]
    return [Issue(where.file, where.line, format_loc((*where.loc, missing[0])),
                  f"{lead.pub} is not in publications.yaml, so the lead must describe it: add "
                  f"{', '.join(missing)}")] if missing else []


def _lead_claim_problem(kb: KnowledgeBase, claim: str) -> str | None:
    if "|" not in claim:
        node = kb.where.get(claim)
        if node is None or node.kind not in (s.NodeKind.DISEASE, s.NodeKind.DISEASE_PHASE):
            return f"{claim!r} is no disease or phase; a lead's claim is a relationship key or a disease/phase id"
        return None
    rel, source, target, *_ = claim.split("|")
    if rel not in {k.value for k in s.RelKind}:
        return f"{rel!r} is no relationship type; use one of {', '.join(k.value for k in s.RelKind)}"
    missing = [n for n in (source, target) if n not in kb.where]
    if missing:
        return f"{', '.join(map(repr, missing))} in {claim!r} names no node; fix the id (keys read REL|source|target|…)"
    return None


def _check_duplicate_claims(kb: KnowledgeBase) -> list[Issue]:
    """Two claims with the same subject, object and qualifiers would be one relationship in the graph."""
    seen: set[str] = set()
    issues = []
    for edge in kb.records().edges:
        if edge.key in seen:
            where = kb.where[edge.source]
            issues.append(Issue(where.file, where.line, format_loc(where.loc),
                                f"{edge.source!r} states the same claim twice ({edge.key}); merge the two into one "
                                "claim with all their evidence items"))
        seen.add(edge.key)
    return issues


@dataclass(frozen=True)
class _Ref:
    owner: str
    loc: Loc
    value: str
    kinds: tuple[s.NodeKind, ...]


def _references(kb: KnowledgeBase) -> Iterator[_Ref]:
    K = s.NodeKind
    for agent in kb.of(K.AGENT):
        base = kb.where[agent.id].loc
        yield from (_Ref(agent.id, (*base, "classes", i), c, (K.AGENT_CLASS,)) for i, c in enumerate(agent.classes))
        for i, t in enumerate(agent.targets):
            yield _Ref(agent.id, (*base, "targets", i, "target"), t.target, (K.TARGET,))
            yield from _evidence_refs(agent.id, (*base, "targets", i), t.evidence)
        for i, m in enumerate(agent.mechanisms):
            yield _Ref(agent.id, (*base, "mechanisms", i, "mechanism"), m.mechanism, (K.MECHANISM,))
            yield from _evidence_refs(agent.id, (*base, "mechanisms", i), m.evidence)
        for i, e in enumerate(agent.effects):
            yield _Ref(agent.id, (*base, "effects", i, "on"), e.on, (K.PROCESS, K.CELL_TYPE))
            if e.tissue:
                yield _Ref(agent.id, (*base, "effects", i, "tissue"), e.tissue, (K.TISSUE,))
            yield from _evidence_refs(agent.id, (*base, "effects", i), e.evidence)
        for i, st in enumerate(agent.studies):
            yield _Ref(agent.id, (*base, "studies", i, "disease"), st.disease, (K.DISEASE,))
            if st.phase:
                yield _Ref(agent.id, (*base, "studies", i, "phase"), st.phase, (K.DISEASE_PHASE,))
            yield from _evidence_refs(agent.id, (*base, "studies", i), st.evidence)
        for i, nd in enumerate(agent.no_data):
            yield _Ref(agent.id, (*base, "no_data", i, "about"), nd.about, (K.PROCESS, K.CELL_TYPE))
    for target in kb.of(K.TARGET):
        base = kb.where[target.id].loc
        for i, p in enumerate(target.pathways):
            yield _Ref(target.id, (*base, "pathways", i, "pathway"), p.pathway, (K.PATHWAY,))
            yield from _evidence_refs(target.id, (*base, "pathways", i), p.evidence)
    for mech in kb.of(K.MECHANISM):
        base = kb.where[mech.id].loc
        for i, m in enumerate(mech.modulates):
            yield _Ref(mech.id, (*base, "modulates", i, "on"), m.on, (K.PATHWAY, K.PROCESS))
            yield from _evidence_refs(mech.id, (*base, "modulates", i), m.evidence)
    for pw in kb.of(K.PATHWAY):
        base = kb.where[pw.id].loc
        for i, r in enumerate(pw.regulates):
            yield _Ref(pw.id, (*base, "regulates", i, "process"), r.process, (K.PROCESS,))
            yield from _evidence_refs(pw.id, (*base, "regulates", i), r.evidence)
    for proc in kb.of(K.PROCESS):
        base = kb.where[proc.id].loc
        yield from (_Ref(proc.id, (*base, "is_a", i), v, (K.PROCESS,)) for i, v in enumerate(proc.is_a))
        yield from (_Ref(proc.id, (*base, "part_of", i), v, (K.PROCESS,)) for i, v in enumerate(proc.part_of))
        yield from (_Ref(proc.id, (*base, "occurs_in", i), v, (K.TISSUE,)) for i, v in enumerate(proc.occurs_in))
    for cell in kb.of(K.CELL_TYPE):
        base = kb.where[cell.id].loc
        for i, d in enumerate(cell.drives):
            yield _Ref(cell.id, (*base, "drives", i, "process"), d.process, (K.PROCESS,))
            yield from _evidence_refs(cell.id, (*base, "drives", i), d.evidence)
    for dis in kb.of(K.DISEASE):
        base = kb.where[dis.id].loc
        yield from (_Ref(dis.id, (*base, "subtype_of", i), v, (K.DISEASE,)) for i, v in enumerate(dis.subtype_of))
        yield from (_Ref(dis.id, (*base, "involves", i), v, (K.TISSUE,)) for i, v in enumerate(dis.involves))
        yield from (_Ref(dis.id, (*base, "manifests", i), v, (K.PROCESS,)) for i, v in enumerate(dis.manifests))
        yield from _evidence_refs(dis.id, base, dis.evidence)
        for i, ph in enumerate(dis.phases):
            yield from _evidence_refs(dis.id, (*base, "phases", i), ph.evidence)


def _evidence_refs(owner: str, loc: Loc, evidence: Iterable[s.Evidence]) -> Iterator[_Ref]:
    for i, ev in enumerate(evidence):
        yield _Ref(owner, (*loc, "evidence", i, "pub"), ev.pub, (s.NodeKind.PUBLICATION,))


def _check_ref(kb: KnowledgeBase, ref: _Ref) -> list[Issue]:
    owner = kb.where[ref.owner]
    found = kb.where.get(ref.value)
    doc = kb.docs[owner.file]
    line = doc.line_of(ref.loc)
    field = format_loc(ref.loc)
    expected = " or ".join(k.value for k in ref.kinds)
    if found is None:
        hint = _closest(ref.value, [i for i, w in kb.where.items() if w.kind in ref.kinds])
        if ref.kinds == (s.NodeKind.PUBLICATION,):
            todo = "add it to data/publications.yaml (verified against its PubMed record) or fix the id"
        else:
            todo = f"define that {expected} or fix the id" + (f" (did you mean {hint!r}?)" if hint else "")
        return [Issue(owner.file, line, field, f"{ref.value!r} refers to no {expected}; {todo}")]
    if found.kind not in ref.kinds:
        return [Issue(owner.file, line, field,
                      f"{ref.value!r} is a {found.kind} ({found.file}:{found.line}), but a {expected} is needed here")]
    return []


def _check_phases(kb: KnowledgeBase) -> list[Issue]:
    issues: list[Issue] = []
    for dis in kb.of(s.NodeKind.DISEASE):
        if not dis.phases:
            continue
        where = kb.where[dis.id]
        orders = sorted(p.order for p in dis.phases)
        if orders != list(range(1, len(orders) + 1)):
            issues.append(Issue(where.file, kb.docs[where.file].line_of((*where.loc, "phases")),
                                format_loc((*where.loc, "phases")),
                                f"phase orders are {orders}; number them 1..{len(orders)} without gaps or repeats"))
    for dis in kb.of(s.NodeKind.DISEASE):
        if not dis.manifests:
            where = kb.where[dis.id]
            issues.append(Issue(where.file, where.line, format_loc((*where.loc, "manifests")),
                                "name the pathological process that defines this disease, e.g. "
                                "`manifests: [heterotopic-ossification]` (clinical efficacy counts through it)"))
    for agent in kb.of(s.NodeKind.AGENT):
        where = kb.where[agent.id]
        for i, st in enumerate(agent.studies):
            if not st.phase or st.phase not in kb.phase_disease or st.disease not in kb.where:
                continue
            owner = kb.phase_disease[st.phase]
            if owner not in disease_ancestors(kb, st.disease):
                loc = (*where.loc, "studies", i, "phase")
                issues.append(Issue(where.file, kb.docs[where.file].line_of(loc), format_loc(loc),
                                    f"phase {st.phase!r} belongs to disease {owner!r}, which is neither "
                                    f"{st.disease!r} nor a disease it is a subtype of; set `disease: {owner}` "
                                    f"or pick a phase of {st.disease!r}"))
    return issues


def _check_comparator_settings(kb: KnowledgeBase) -> list[Issue]:
    """Evidence from a study in a comparator-scope disease (e.g. CKD vascular calcification) is comparator evidence:
    the flag on the item is what rankings and evidence gaps read, so it must say so."""
    issues: list[Issue] = []
    for agent in kb.of(s.NodeKind.AGENT):
        where = kb.where[agent.id]
        for i, st in enumerate(agent.studies):
            disease = kb.entities[s.NodeKind.DISEASE].get(st.disease)
            if disease is None or disease.scope is not s.DiseaseScope.COMPARATOR:
                continue
            for j, ev in enumerate(st.evidence):
                if not ev.comparator:
                    loc = (*where.loc, "studies", i, "evidence", j)
                    issues.append(Issue(where.file, kb.docs[where.file].line_of(loc), format_loc((*loc, "comparator")),
                                        f"{st.disease!r} is a comparator setting: set `comparator: true`"))
    return issues


def disease_ancestors(kb: KnowledgeBase, disease: str) -> list[str]:
    """The disease and every disease it is (transitively) a subtype of, nearest first."""
    out: list[str] = []
    todo = [disease]
    while todo:
        current = todo.pop(0)
        entity = kb.entities[s.NodeKind.DISEASE].get(current)
        if current in out or entity is None:
            continue
        out.append(current)
        todo.extend(entity.subtype_of)
    return out


def _closest(value: str, candidates: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.75)
    return match[0] if match else None

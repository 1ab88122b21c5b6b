// GENERATED from the question of the same name in cypher/questions/ and graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// The same question for the store, without the free-text properties (graph/schema.py
// TEXT_PROPERTIES), each claim list projecting its own relationship type's properties and
// no type or near end (graph/cypher_gen.py LEAN_LISTS): the store runs it when the GraphQL
// selection reads no text (api/graphql/request_plan.py TEXT_FIELDS).
// Question 1 — Inhibitors without harm (semantics: graph/questions.py, InhibitorsWithoutHarm).
// Agents that inhibit $process (or a process that IS_A / is PART_OF it), qualified by either kind of evidence:
//   inhibitions — AFFECTS{direction:'inhibits'} claims into that set;
//   efficacy    — effective/mixed STUDIED_IN claims on a disease that MANIFESTS a process of that set (or a phase
//                 of such a disease), when $clinical;
// each at evidence rank >= $min_rank and citing >= $min_verified verified publications; optionally studied with
// success in $disease (or a subtype) / $phase / a disease involving $tissue. Returned with ALL their bone claims:
// AFFECTS claims on spared nodes (every node with a bone_facet, or $spare with its IS_A/PART_OF descendants) and,
// as indirect evidence, MODULATES claims on them by the agent's mechanisms.
// The verdict per bone facet (benefit / no_harm / conflicting / harm / no_data) is decided in graph/verdicts.py,
// identically for both stores; here each bone claim carries its node's `facet`.
//
// In Neo4j Browser, set the parameters first, e.g.:
// :param process => 'ectopic-calcification';
// :param spare => null;
// :param min_rank => 0;
// :param min_verified => 1;
// :param clinical => true;
// :param disease => null;
// :param phase => null;
// :param tissue => null;
// :param success => ['effective', 'mixed'];
MATCH (root:Process {id: $process})
WITH [(c:Process)-[:IS_A|PART_OF*0..]->(root) | c.id] AS inhibited
WITH inhibited,
     CASE WHEN $clinical THEN [(d:Disease)-[:MANIFESTS]->(p:Process) WHERE p.id IN inhibited | d.id] ELSE [] END
       AS manifesting,
     CASE WHEN $spare IS NULL THEN COLLECT { MATCH (n:Process|CellType) WHERE n.bone_facet IS NOT NULL RETURN n.id }
          ELSE COLLECT { MATCH (r:Process|CellType) WHERE r.id IN $spare
                         RETURN r.id AS id
                         UNION
                         MATCH (c:Process)-[:IS_A|PART_OF*1..]->(r:Process) WHERE r.id IN $spare
                         RETURN c.id AS id } END AS spared,
     CASE WHEN $disease IS NULL THEN [] ELSE [(d:Disease)-[:SUBTYPE_OF*0..]->(:Disease {id: $disease}) | d.id] END
       AS disease_set,
     CASE WHEN $tissue IS NULL THEN [] ELSE [(d:Disease)-[:INVOLVES]->(:Tissue {id: $tissue}) | d.id] END
       AS tissue_set
MATCH (a:Agent)
WITH a, spared, disease_set, tissue_set,
     [(a)-[r:AFFECTS {direction: 'inhibits'}]->(x) WHERE x.id IN inhibited
        AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified | r] AS inhibitions,
     [(a)-[r:STUDIED_IN]->() WHERE r.outcome IN $success AND r.disease IN manifesting
        AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified | r] AS efficacy
WHERE (size(inhibitions) > 0 OR size(efficacy) > 0)
  AND ($phase IS NULL OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->(:DiseasePhase {id: $phase}) WHERE st.outcome IN $success })
  AND ($disease IS NULL OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->() WHERE st.outcome IN $success AND st.disease IN disease_set })
  AND ($tissue IS NULL OR any(r IN inhibitions WHERE r.tissue = $tissue) OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->() WHERE st.outcome IN $success AND st.disease IN tissue_set })
RETURN a.id AS agent, a {.approval, .brand_names, .id, .identifiers, .identifiers_verified, .kind, .name, .no_data_about, .no_data_facets, .no_data_notes, .synonyms} AS agent_props,
       [r IN inhibitions | {target: endNode(r).id, props: r {.best_level, .best_rank, .direction, .dose, .evidence_comparator, .evidence_exposures, .evidence_intents, .evidence_levels, .evidence_populations, .evidence_pubs, .evidence_regimens, .evidence_timings, .evidence_verified, .key, .tissue, .verified_count}}] AS inhibitions,
       [r IN efficacy | {target: endNode(r).id, props: r {.best_level, .best_rank, .disease, .evidence_comparator, .evidence_exposures, .evidence_intents, .evidence_levels, .evidence_populations, .evidence_pubs, .evidence_regimens, .evidence_timings, .evidence_verified, .key, .outcome, .verified_count}}] AS efficacy,
       [(a)-[r:AFFECTS]->(y) WHERE y.id IN spared
          | {target: y.id, props: r {.best_level, .best_rank, .direction, .dose, .evidence_comparator, .evidence_exposures, .evidence_intents, .evidence_levels, .evidence_populations, .evidence_pubs, .evidence_regimens, .evidence_timings, .evidence_verified, .key, .tissue, .verified_count}, facet: y.bone_facet}] AS bone_claims,
       [(a)-[h:HAS_MECHANISM]->(m)-[r:MODULATES]->(y) WHERE y.id IN spared
          | {target: y.id, props: r {.best_level, .best_rank, .direction, .evidence_comparator, .evidence_exposures, .evidence_intents, .evidence_levels, .evidence_populations, .evidence_pubs, .evidence_regimens, .evidence_timings, .evidence_verified, .key, .verified_count}, facet: y.bone_facet,
             via: {target: m.id, props: h {.best_level, .best_rank, .evidence_comparator, .evidence_exposures, .evidence_intents, .evidence_levels, .evidence_populations, .evidence_pubs, .evidence_regimens, .evidence_timings, .evidence_verified, .key, .verified_count}}}] AS indirect
ORDER BY agent;

// Question 1 — Inhibitors without harm (semantics: graph/questions.py, InhibitorsWithoutHarm).
// Agents with an AFFECTS{direction:'inhibits'} claim into $process or any process that IS_A it, at evidence
// rank >= $min_rank and citing >= $min_verified verified publications (1 by default, 0 with verified_only off),
// optionally studied with success in $disease / $phase / a disease involving $tissue,
// returned with ALL their claims on the spared set ($spare plus processes that IS_A a spared process).
// Classification into benefit / no_harm / no_data / harm happens in graph/questions.py, identically for both stores.
//
// In Neo4j Browser, set the parameters first, e.g.:
// :param process => 'ectopic-calcification';
// :param spare => ['osteoblast', 'bone-formation', 'skeletal-mineralization'];
// :param min_rank => 0;
// :param min_verified => 1;
// :param disease => null;
// :param phase => null;
// :param tissue => null;
// :param success => ['effective', 'mixed'];
MATCH (root:Process {id: $process})
WITH [(c:Process)-[:IS_A*0..]->(root) | c.id] AS inhibited
OPTIONAL MATCH (sp:Entity) WHERE sp.id IN $spare
WITH inhibited, collect(sp) AS spare_roots
WITH inhibited,
     reduce(acc = [], r IN spare_roots | acc + [r.id] + [(c:Process)-[:IS_A*1..]->(r) | c.id]) AS spared,
     CASE WHEN $disease IS NULL THEN []
          ELSE [(d:Disease)-[:SUBTYPE_OF*0..]->(:Disease {id: $disease}) | d.id]
             + [(d:Disease)-[:SUBTYPE_OF*0..]->(:Disease {id: $disease}) | [(d)-[:HAS_PHASE]->(ph) | ph.id]] END
       AS disease_nested,
     CASE WHEN $tissue IS NULL THEN []
          ELSE [(d:Disease)-[:INVOLVES]->(:Tissue {id: $tissue}) | d.id]
             + [(d:Disease)-[:INVOLVES]->(:Tissue {id: $tissue}) | [(d)-[:HAS_PHASE]->(ph) | ph.id]] END
       AS tissue_nested
WITH inhibited, spared,
     reduce(acc = [], x IN disease_nested | acc + x) AS disease_targets,
     reduce(acc = [], x IN tissue_nested | acc + x) AS tissue_targets
MATCH (a:Agent)-[r:AFFECTS {direction: 'inhibits'}]->(x)
WHERE x.id IN inhibited AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
WITH a, collect(r) AS inhibitions, spared, disease_targets, tissue_targets
WHERE ($phase IS NULL OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->(:DiseasePhase {id: $phase}) WHERE st.outcome IN $success })
  AND ($disease IS NULL OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->(t) WHERE st.outcome IN $success AND t.id IN disease_targets })
  AND ($tissue IS NULL OR any(r IN inhibitions WHERE r.tissue = $tissue) OR EXISTS {
        MATCH (a)-[st:STUDIED_IN]->(t) WHERE st.outcome IN $success AND t.id IN tissue_targets })
RETURN a.id AS agent, properties(a) AS agent_props,
       [r IN inhibitions | {type: type(r), source: a.id, target: endNode(r).id, props: properties(r)}] AS inhibitions,
       [(a)-[r:AFFECTS]->(y) WHERE y.id IN spared
          | {type: type(r), source: a.id, target: y.id, props: properties(r)}] AS spared_claims
ORDER BY agent;

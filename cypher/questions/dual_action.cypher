// Question 2 — Dual action (semantics: graph/questions.py, DualAction).
// Agents that inhibit $process (or a process that IS_A / is PART_OF it) — by an inhibits claim, or (when $clinical)
// an effective/mixed study in a disease that MANIFESTS such a process — and promote something in $promotes (or a
// process that IS_A / is PART_OF one of them), all at evidence rank >= $min_rank and citing >= $min_verified
// verified publications; with the conflicting inhibits claims on the promoted set.
//
// :param process => 'ectopic-calcification';
// :param promotes => ['bone-formation', 'skeletal-mineralization', 'osteoblast', 'bone-mass'];
// :param min_rank => 0;
// :param min_verified => 1;
// :param clinical => true;
// :param success => ['effective', 'mixed'];
MATCH (root:Process {id: $process})
WITH [(c:Process)-[:IS_A|PART_OF*0..]->(root) | c.id] AS inhibited
WITH inhibited,
     CASE WHEN $clinical THEN [(d:Disease)-[:MANIFESTS]->(p:Process) WHERE p.id IN inhibited | d.id] ELSE [] END
       AS manifesting,
     COLLECT { MATCH (r:Process|CellType) WHERE r.id IN $promotes
               RETURN r.id AS id
               UNION
               MATCH (c:Process)-[:IS_A|PART_OF*1..]->(r:Process) WHERE r.id IN $promotes
               RETURN c.id AS id } AS promoted
MATCH (a:Agent)
WITH a, [(a)-[r:AFFECTS {direction: 'inhibits'}]->(x) WHERE x.id IN inhibited
                AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS inhibitions,
        [(a)-[r:STUDIED_IN]->(x) WHERE r.outcome IN $success AND r.disease IN manifesting
                AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS efficacy,
        [(a)-[r:AFFECTS {direction: 'promotes'}]->(x) WHERE x.id IN promoted
                AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS promotions,
        [(a)-[r:AFFECTS {direction: 'inhibits'}]->(x) WHERE x.id IN promoted
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS conflicts
WHERE (size(inhibitions) > 0 OR size(efficacy) > 0) AND size(promotions) > 0
RETURN a.id AS agent, properties(a) AS agent_props, inhibitions, efficacy, promotions, conflicts
ORDER BY agent;

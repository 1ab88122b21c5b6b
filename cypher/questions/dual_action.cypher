// Question 2 — Dual action (semantics: graph/questions.py, DualAction).
// Agents that inhibit $process (or a process that IS_A it) and promote something in $promotes (or a process
// that IS_A one of them), both at evidence rank >= $min_rank and citing >= $min_verified verified publications;
// with the conflicting inhibits claims on the promoted set.
//
// :param process => 'ectopic-calcification';
// :param promotes => ['bone-formation', 'skeletal-mineralization', 'osteoblast'];
// :param min_rank => 0;
// :param min_verified => 1;
MATCH (root:Process {id: $process})
WITH [(c:Process)-[:IS_A*0..]->(root) | c.id] AS inhibited
OPTIONAL MATCH (pr:Entity) WHERE pr.id IN $promotes
WITH inhibited, collect(pr) AS promote_roots
WITH inhibited, reduce(acc = [], r IN promote_roots | acc + [r.id] + [(c:Process)-[:IS_A*1..]->(r) | c.id]) AS promoted
MATCH (a:Agent)
WITH a, [(a)-[r:AFFECTS {direction: 'inhibits'}]->(x) WHERE x.id IN inhibited
                AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS inhibitions,
        [(a)-[r:AFFECTS {direction: 'promotes'}]->(x) WHERE x.id IN promoted
                AND r.best_rank >= $min_rank AND r.verified_count >= $min_verified
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS promotions,
        [(a)-[r:AFFECTS {direction: 'inhibits'}]->(x) WHERE x.id IN promoted
          | {type: type(r), source: a.id, target: x.id, props: properties(r)}] AS conflicts
WHERE size(inhibitions) > 0 AND size(promotions) > 0
RETURN a.id AS agent, properties(a) AS agent_props, inhibitions, promotions, conflicts
ORDER BY agent;

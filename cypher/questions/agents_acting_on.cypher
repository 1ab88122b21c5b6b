// Question 7 — Agents acting on a target, pathway or mechanism (semantics: graph/questions.py, AgentsActingOn).
// Every claim chain from an agent to $node: directly (TARGETS a target, HAS_MECHANISM a mechanism) or through one
// intermediate (a target that PARTICIPATES_IN the pathway, a mechanism that MODULATES it); every claim at evidence
// rank >= $min_rank and citing >= $min_verified verified publications. Ordering happens in graph/questions.py.
//
// :param node => 'cox2-pge2';
// :param min_rank => 0;
// :param min_verified => 0;
MATCH p = (a:Agent)-[r:TARGETS|HAS_MECHANISM]->(n:Entity {id: $node})
WHERE r.best_rank >= $min_rank AND r.verified_count >= $min_verified
RETURN [x IN nodes(p) | x.id] AS nodes,
       [e IN relationships(p) | {type: type(e), source: startNode(e).id, target: endNode(e).id,
                                 props: properties(e)}] AS edges
UNION ALL
MATCH p = (a:Agent)-[r1:TARGETS|HAS_MECHANISM]->(x)-[r2:PARTICIPATES_IN|MODULATES]->(n:Entity {id: $node})
WHERE r1.best_rank >= $min_rank AND r1.verified_count >= $min_verified
  AND r2.best_rank >= $min_rank AND r2.verified_count >= $min_verified
RETURN [x IN nodes(p) | x.id] AS nodes,
       [e IN relationships(p) | {type: type(e), source: startNode(e).id, target: endNode(e).id,
                                 props: properties(e)}] AS edges;

// Question 5 — Evidence profile (semantics: graph/questions.py, evidence_profile).
// Every claim agent $agent is the subject of; grouping by type, direction/outcome/action and best evidence
// level happens in graph/questions.py.
//
// :param agent => 'etidronate';
MATCH (a:Agent {id: $agent})-[r:AFFECTS|STUDIED_IN|TARGETS|HAS_MECHANISM]->(x)
RETURN {type: type(r), source: a.id, target: x.id, props: properties(r)} AS claim
ORDER BY r.key;

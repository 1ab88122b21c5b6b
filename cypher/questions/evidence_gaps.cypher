// Question 9 — Evidence gaps (semantics: graph/questions.py, EvidenceGaps).
// One row: `agents` — every agent with its classes and its efficacy claims (AFFECTS, any direction, on $process and
// the processes that IS_A / are PART_OF it, and every STUDIED_IN) — and `diseases` — every disease with its scope
// and direct supertypes. Classifying each class or disease as msk_human / msk_animal / msk_in_vitro /
// comparator_only / none happens in graph/questions.py.
//
// :param process => 'ectopic-calcification';
MATCH (root:Process {id: $process})
WITH [(c:Process)-[:IS_A|PART_OF*0..]->(root) | c.id] AS calcific
CALL (calcific) {
  MATCH (a:Agent)
  WITH a ORDER BY a.id
  RETURN collect({agent: a.id, classes: [(a)-[:MEMBER_OF]->(c) | c.id],
                  claims: [(a)-[r:AFFECTS|STUDIED_IN]->(x) WHERE type(r) = 'STUDIED_IN' OR x.id IN calcific
                             | {type: type(r), source: a.id, target: x.id, props: properties(r)}]}) AS agents
}
CALL () {
  MATCH (d:Disease)
  WITH d ORDER BY d.id
  RETURN collect({disease: d.id, scope: d.scope, parents: [(d)-[:SUBTYPE_OF]->(p) | p.id]}) AS diseases
}
RETURN agents, diseases;

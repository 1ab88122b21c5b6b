// Question 8 — Agents studied in a disease (semantics: graph/questions.py, AgentsStudiedIn).
// Every STUDIED_IN claim whose studied disease (r.disease) is $disease or a subtype of it, on the disease or one of
// its phases. Outcome, intent, level and verification filters, and the order, are applied in graph/questions.py.
//
// :param disease => 'acquired-ho';
WITH [(d:Disease)-[:SUBTYPE_OF*0..]->(:Disease {id: $disease}) | d.id] AS studied
MATCH (a:Agent)-[r:STUDIED_IN]->(t)
WHERE r.disease IN studied
RETURN {type: type(r), source: a.id, target: t.id, props: properties(r)} AS claim, r.outcome AS outcome,
       r.disease AS disease, CASE WHEN t:DiseasePhase THEN t.id END AS phase
ORDER BY r.key;

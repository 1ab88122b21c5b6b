// Question 3 — By disease phase (semantics: graph/questions.py, PhaseStudies).
// STUDIED_IN claims on disease phases, narrowed by $phase, $disease and/or $agent (null = any).
//
// :param phase => null;
// :param disease => 'acquired-ho';
// :param agent => null;
MATCH (a:Agent)-[r:STUDIED_IN]->(ph:DiseasePhase)
WHERE ($phase IS NULL OR ph.id = $phase)
  AND ($disease IS NULL OR ph.disease = $disease)
  AND ($agent IS NULL OR a.id = $agent)
RETURN a.id AS agent, ph.id AS phase, ph.disease AS disease, ph.order AS order, r.outcome AS outcome,
       {type: type(r), source: a.id, target: ph.id, props: properties(r)} AS claim
ORDER BY disease, order, agent;

// Question 3 — By disease phase (semantics: graph/questions.py, PhaseStudies).
// STUDIED_IN claims on disease phases, narrowed by $phase, $disease and/or $agent (null = any). $disease rolls up:
// a claim counts when its studied disease (r.disease) is $disease or a subtype of it — a study of HO after
// arthroplasty staged by acquired HO's phases answers for acquired HO.
//
// :param phase => null;
// :param disease => 'acquired-ho';
// :param agent => null;
WITH CASE WHEN $disease IS NULL THEN null
          ELSE [(d:Disease)-[:SUBTYPE_OF*0..]->(:Disease {id: $disease}) | d.id] END AS studied
MATCH (a:Agent)-[r:STUDIED_IN]->(ph:DiseasePhase)
WHERE ($phase IS NULL OR ph.id = $phase)
  AND (studied IS NULL OR r.disease IN studied)
  AND ($agent IS NULL OR a.id = $agent)
RETURN a.id AS agent, ph.id AS phase, r.disease AS disease, ph.disease AS scheme, ph.order AS order,
       r.outcome AS outcome, {type: type(r), source: a.id, target: ph.id, props: properties(r)} AS claim
ORDER BY disease, order, agent;

// Question: What has been tried in calcific tendinopathy, and which phase of the disease was it studied in?
// Shows: every agent with a STUDIED_IN claim on calcific tendinopathy itself or on one of its phases; `phase` is
//   empty when the study was recorded on the whole disease (as all current ones are), with outcome, level and
//   finding per cited paper. The phase order (precalcific -> formative -> resting -> resorptive -> postcalcific)
//   is in example 03.
// Adapt: replace 'calcific-tendinopathy' by any Disease id (ssc-calcinosis, dm-calcinosis, cppd, fop, ...).
WITH 'calcific-tendinopathy' AS disease_id
MATCH (d:Disease {id: disease_id})
MATCH (a:Agent)-[r:STUDIED_IN]->(t)
WHERE t = d OR EXISTS { (d)-[:HAS_PHASE]->(t) }
UNWIND range(0, size(r.evidence_pubs) - 1) AS i
RETURN a.name AS agent, CASE WHEN t:DiseasePhase THEN t.name END AS phase, r.outcome AS outcome,
       r.evidence_levels[i] AS level, r.evidence_findings[i] AS finding, r.evidence_pubs[i] AS publication
ORDER BY agent, level;

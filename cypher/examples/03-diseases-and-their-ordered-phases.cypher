// Question: Which diseases are modelled as a sequence of phases, in what order, and where are the studies?
// Shows: one row per disease: its phases in order, read along the NEXT chain from the first phase (the one no
//   phase points to), and how many STUDIED_IN claims each phase carries (0 means: not yet studied at that phase).
// Adapt: add `WHERE d.id = 'calcific-tendinopathy'` after the first MATCH to look at one disease; return `chain`
//   instead of the lists to see the chain as a graph in Browser.
MATCH (d:Disease)-[:HAS_PHASE]->(first:DiseasePhase)
WHERE NOT EXISTS { (:DiseasePhase)-[:NEXT]->(first) }
MATCH chain = (first)-[:NEXT*0..]->(last:DiseasePhase)
WHERE NOT EXISTS { (last)-[:NEXT]->(:DiseasePhase) }
RETURN d.id AS disease, d.name AS name,
       [ph IN nodes(chain) | ph.id] AS phases_in_order,
       [ph IN nodes(chain) | COUNT { (:Agent)-[:STUDIED_IN]->(ph) }] AS studies_per_phase
ORDER BY disease;

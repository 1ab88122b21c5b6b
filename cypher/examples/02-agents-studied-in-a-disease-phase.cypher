// Question: Which agents have been studied in a given phase of a disease, and with what outcome?
// Shows: agents with a STUDIED_IN claim on the phase 'fop-flare-up' (the flare-up of fibrodysplasia ossificans
//   progressiva), the outcome (effective / ineffective / mixed / harmful), best evidence level and the papers.
//   Phase-level studies are rare: today they exist for fop-flare-up and ho-inflammatory only; calcific
//   tendinopathy has its five phases in the graph but its studies are recorded on the disease (see 03 and 04).
// Adapt: replace 'fop-flare-up' by any DiseasePhase id (ho-inflammatory, ct-resorptive, ...); run
//   example 03 to list every phase with its number of studies.
WITH 'fop-flare-up' AS phase_id
MATCH (d:Disease)-[:HAS_PHASE]->(ph:DiseasePhase {id: phase_id})
MATCH (a:Agent)-[r:STUDIED_IN]->(ph)
RETURN d.name AS disease, ph.order AS phase_order, ph.name AS phase, a.name AS agent, r.outcome AS outcome,
       r.best_level AS best_level,
       COLLECT { MATCH (p:Publication) WHERE p.id IN r.evidence_pubs RETURN p.name + ' (' + p.id + ')' }
         AS publications
ORDER BY agent;

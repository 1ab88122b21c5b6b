// Question: Where does the evidence conflict - the same agent reported to both inhibit and promote the same bone
//   process or cell type?
// Shows: agent, the process/cell, and side by side the inhibiting and promoting claims with their best level,
//   species and papers. Conflicts are kept in calcigraph on purpose (both claims, each with its papers); they
//   often reflect dose, model or species differences - read the findings.
// Adapt: widen `bone` (e.g. add 'heterotopic-ossification', 'vascular-calcification'), or replace 'promotes' by
//   'no_effect' to find claims that an effect was not reproduced.
WITH ['osteoblast', 'osteoblast-differentiation', 'bone-formation', 'skeletal-mineralization', 'fracture-healing',
      'bone-resorption'] AS bone
MATCH (a:Agent)-[inh:AFFECTS {direction: 'inhibits'}]->(x)<-[pro:AFFECTS {direction: 'promotes'}]-(a)
WHERE x.id IN bone
RETURN a.name AS agent, x.name AS on,
       inh.best_level AS inhibits_best_level, inh.evidence_species AS inhibits_species,
       inh.evidence_pubs AS inhibits_pubs, inh.evidence_findings AS inhibits_findings,
       pro.best_level AS promotes_best_level, pro.evidence_species AS promotes_species,
       pro.evidence_pubs AS promotes_pubs, pro.evidence_findings AS promotes_findings
ORDER BY agent, on;

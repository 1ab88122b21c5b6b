// Question: Which claims rest ONLY on evidence from outside the musculoskeletal system (vascular calcification,
//   PXE, calciphylaxis)?
// Shows: claims whose every evidence item is flagged comparator = true - they transfer a mechanism, not a proven
//   musculoskeletal effect; treat them as hypotheses for tendon, muscle or skin calcification.
// Adapt: use `any(...)` instead of `all(...)` to list claims with at least one comparator paper.
MATCH (a:Agent)-[r]->(x)
WHERE size(r.evidence_comparator) > 0 AND all(c IN r.evidence_comparator WHERE c)
RETURN a.name AS agent, type(r) AS claim, x.name AS about, coalesce(r.direction, r.outcome, r.action) AS result,
       r.best_level AS best_level, r.evidence_pubs AS publications
ORDER BY agent, claim, about;

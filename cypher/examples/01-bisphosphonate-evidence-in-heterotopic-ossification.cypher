// Question: What is ALL the evidence that bisphosphonates act on heterotopic ossification (HO), strongest first?
// Shows: one row per cited evidence item - agent, the claim (an AFFECTS effect on the HO process, or a STUDIED_IN
//   outcome in an HO disease or one of its phases), evidence level, species, finding and the publication behind it.
//   "HO" here is the process heterotopic-ossification plus every disease that is a SUBTYPE_OF acquired-ho
//   (after arthroplasty, traumatic, neurogenic, myositis ossificans) and the phases of those diseases.
// Adapt: change the class id ('bisphosphonates' -> 'nsaids', 'corticosteroids', ...), the process id or the
//   umbrella disease id ('acquired-ho' -> 'fop'); raise `min_rank` to 4 to keep case series and stronger only
//   (ranks: in_vitro 1, animal 2, case_report/review 3, case_series 4, cohort/guideline 5, rct 6, meta_analysis 7).
WITH 'bisphosphonates' AS agent_class, 'heterotopic-ossification' AS process, 'acquired-ho' AS umbrella, 1 AS min_rank
MATCH (a:Agent)-[:MEMBER_OF]->(:AgentClass {id: agent_class})
MATCH (a)-[r:AFFECTS|STUDIED_IN]->(x)
WHERE (type(r) = 'AFFECTS' AND EXISTS { (x)-[:IS_A*0..]->(:Process {id: process}) })
   OR (type(r) = 'STUDIED_IN' AND (EXISTS { (x)-[:SUBTYPE_OF*0..]->(:Disease {id: umbrella}) }
                                OR EXISTS { (:Disease {id: umbrella})<-[:SUBTYPE_OF*0..]-(:Disease)-[:HAS_PHASE]->(x) }))
UNWIND range(0, size(r.evidence_pubs) - 1) AS i
WITH a, r, x, i, min_rank,
     {in_vitro: 1, animal: 2, case_report: 3, review: 3, case_series: 4, cohort: 5, guideline: 5, rct: 6,
      meta_analysis: 7}[r.evidence_levels[i]] AS rank
WHERE rank >= min_rank
MATCH (p:Publication {id: r.evidence_pubs[i]})
RETURN a.name AS agent, type(r) AS claim, x.name AS about, coalesce(r.direction, r.outcome) AS result,
       r.evidence_levels[i] AS level, r.evidence_species[i] AS species, r.evidence_findings[i] AS finding,
       p.id AS publication, p.year AS year, p.journal AS journal, p.verified AS verified
ORDER BY rank DESC, agent, year DESC;

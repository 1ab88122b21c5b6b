// Question: How strong is the evidence in the graph overall?
// Shows: every cited evidence item counted by level (in_vitro ... meta_analysis), in calcigraph's rank order
//   (graph/schema.py EVIDENCE_RANK), with how many of those items come from a comparator (non-musculoskeletal)
//   setting and how many cite an unverified publication.
// Adapt: add `WHERE type(r) = 'STUDIED_IN'` after the MATCH for clinical claims only, or `WHERE type(r) = 'AFFECTS'`.
MATCH ()-[r]->()
WHERE r.evidence_levels IS NOT NULL
UNWIND range(0, size(r.evidence_levels) - 1) AS i
WITH r.evidence_levels[i] AS level, r.evidence_comparator[i] AS comparator, r.evidence_verified[i] AS verified
RETURN level,
       {in_vitro: 1, animal: 2, case_report: 3, review: 3, case_series: 4, cohort: 5, guideline: 5, rct: 6,
        meta_analysis: 7}[level] AS rank,
       count(*) AS evidence_items,
       sum(CASE WHEN comparator THEN 1 ELSE 0 END) AS from_comparator_settings,
       sum(CASE WHEN verified THEN 0 ELSE 1 END) AS unverified
ORDER BY rank, level;

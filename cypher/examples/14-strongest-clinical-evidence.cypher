// Question: Which clinical outcomes rest on randomised trials or meta-analyses?
// Shows: STUDIED_IN claims whose best evidence is an RCT or a meta-analysis (best_rank >= 6), with agent, disease
//   or phase, outcome and the trial papers - the short list to start from when advising on prophylaxis.
// Adapt: lower the threshold to 5 to include cohort studies and guidelines; use AFFECTS instead of STUDIED_IN for
//   mechanistic claims backed by trials.
MATCH (a:Agent)-[r:STUDIED_IN]->(t)
WHERE r.best_rank >= 6
RETURN a.name AS agent, t.name AS studied_in, r.outcome AS outcome, r.best_level AS best_level,
       [i IN range(0, size(r.evidence_pubs) - 1) WHERE r.evidence_levels[i] IN ['rct', 'meta_analysis']
         | r.evidence_pubs[i]] AS trial_publications
ORDER BY r.best_rank DESC, agent, studied_in;

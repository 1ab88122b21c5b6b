// Question: Which agent classes are best documented in the graph?
// Shows: per AgentClass, its number of agents, of claims (AFFECTS, STUDIED_IN, TARGETS, HAS_MECHANISM edges of its
//   agents), of evidence items, of distinct publications, and how many claims reach RCT level or better
//   (best_rank >= 6). A thin class is a curation gap, not proof of absence.
// Adapt: restrict the claim types in the second MATCH (e.g. only STUDIED_IN for clinical evidence).
MATCH (c:AgentClass)<-[:MEMBER_OF]-(a:Agent)
MATCH (a)-[r:AFFECTS|STUDIED_IN|TARGETS|HAS_MECHANISM]->()
WITH c, count(DISTINCT a) AS agents, count(r) AS claims, sum(size(r.evidence_pubs)) AS evidence_items,
     sum(CASE WHEN r.best_rank >= 6 THEN 1 ELSE 0 END) AS claims_rct_or_better,
     reduce(acc = [], pubs IN collect(r.evidence_pubs) | acc + pubs) AS all_pubs
UNWIND all_pubs AS pub
RETURN c.name AS agent_class, agents, claims, evidence_items, count(DISTINCT pub) AS publications,
       claims_rct_or_better
ORDER BY claims DESC, agent_class;

// Question: Which cited publications have not been verified against their PubMed/PMC (or publisher) record, and
//   which claims rest on them?
// Shows: each unverified Publication with what the curator saw (verified_source), and the claims citing it
//   (relationship key = TYPE|subject|object|...). Review these first: a wrong PMID silently misattributes a
//   finding. See docs/curation.md for what `verified: true` means.
// Adapt: flip to `p.verified = true` to audit verified ones; add `AND p.year >= 2020` to focus on recent papers.
MATCH (p:Publication)
WHERE p.verified = false
MATCH ()-[r]->()
WHERE p.id IN r.evidence_pubs
RETURN p.id AS publication, p.title AS title, p.journal AS journal, p.year AS year,
       p.verified_source AS what_was_seen, count(r) AS claims, collect(r.key) AS cited_by
ORDER BY claims DESC, publication;

// Question: Which agents have evidence of harming bone, and which papers say so?
// Shows: every AFFECTS claim at therapeutic dose that INHIBITS osteoblasts, osteoblast differentiation, bone
//   formation, skeletal mineralization or fracture healing - one row per cited paper, with level, species, finding
//   and the publication's title and year. Effects seen only at supratherapeutic exposure (dose = 'excess') are
//   left out, as question 1 does.
// Adapt: edit the list of bone targets; remove the `dose` condition to include overdose effects; add
//   `AND a.id = 'dexamethasone'` to look at one agent.
WITH ['osteoblast', 'osteoblast-differentiation', 'bone-formation', 'skeletal-mineralization', 'fracture-healing']
     AS bone
MATCH (a:Agent)-[r:AFFECTS {direction: 'inhibits'}]->(x)
WHERE x.id IN bone AND coalesce(r.dose, 'therapeutic') <> 'excess'
UNWIND range(0, size(r.evidence_pubs) - 1) AS i
MATCH (p:Publication {id: r.evidence_pubs[i]})
RETURN a.name AS agent, x.name AS harms, r.evidence_levels[i] AS level, r.evidence_species[i] AS species,
       r.evidence_findings[i] AS finding, p.title AS title, p.year AS year, p.id AS publication
ORDER BY agent, harms, year DESC;

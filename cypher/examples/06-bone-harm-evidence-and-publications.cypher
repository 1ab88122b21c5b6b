// Question: Which agents have evidence of harming bone, on which bone-safety facet, and which papers say so?
// Shows: every AFFECTS claim that INHIBITS a node with a bone facet (osteoblast, bone_formation, mineralization,
//   fracture_healing, bone_mass, skeletal_growth) - one row per cited paper, with the facet, level, species,
//   exposure, regimen, finding and the publication's title and year. Findings at supratherapeutic or overdose
//   exposure are left out, as the verdict rule does (docs/verdicts.md); the API's verdict also weighs the contrary
//   evidence, which this row-by-row view does not.
// Adapt: remove the exposure condition to see overdose and supratherapeutic findings too; add
//   `AND x.bone_facet = 'fracture_healing'` for one facet, or `AND a.id = 'dexamethasone'` for one agent.
MATCH (a:Agent)-[r:AFFECTS {direction: 'inhibits'}]->(x)
WHERE x.bone_facet IS NOT NULL
UNWIND range(0, size(r.evidence_pubs) - 1) AS i
WITH a, r, x, i WHERE r.evidence_exposures[i] = 'therapeutic'
MATCH (p:Publication {id: r.evidence_pubs[i]})
RETURN a.name AS agent, x.bone_facet AS facet, x.name AS harms, r.evidence_levels[i] AS level,
       r.evidence_species[i] AS species, r.evidence_exposures[i] AS exposure, r.evidence_regimens[i] AS regimen,
       r.evidence_findings[i] AS finding, p.title AS title, p.year AS year, p.id AS publication
ORDER BY agent, facet, year DESC;

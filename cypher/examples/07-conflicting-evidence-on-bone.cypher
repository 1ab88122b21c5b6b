// Question: Where does the evidence conflict - the same agent reported to impair and to spare (or help) the same
//   bone-safety facet?
// Shows: agent, facet, and side by side the inhibiting claims and the promoting / no-effect claims with their best
//   level and papers. Conflicts are kept in calcigraph on purpose (both claims, each with its papers); they often
//   reflect dose, regimen, timing, model or species - read the findings. The API's verdict rule
//   (docs/verdicts.md) resolves them by population tier and verification, or reports CONFLICTING.
// Adapt: replace `x.bone_facet` by `x.id` to compare node by node, or keep only 'promotes' in the list.
MATCH (a:Agent)-[inh:AFFECTS {direction: 'inhibits'}]->(x)
MATCH (a)-[other:AFFECTS]->(y)
WHERE x.bone_facet IS NOT NULL AND y.bone_facet = x.bone_facet AND other.direction IN ['promotes', 'no_effect']
RETURN a.name AS agent, x.bone_facet AS facet,
       collect(DISTINCT inh.key) AS impairing_claims, collect(DISTINCT inh.best_level) AS impairing_levels,
       collect(DISTINCT other.key) AS sparing_claims, collect(DISTINCT other.best_level) AS sparing_levels
ORDER BY agent, facet;

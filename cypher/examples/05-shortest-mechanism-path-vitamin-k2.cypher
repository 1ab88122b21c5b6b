// Question: Through which mechanism does vitamin K2 (menaquinone-7) reach ectopic calcification, most directly?
// Shows: every shortest directed path from the agent to the process that goes through mechanisms, targets,
//   pathways and processes only (TARGETS, HAS_MECHANISM, PARTICIPATES_IN, MODULATES, REGULATES, IS_A - the direct
//   AFFECTS claim is left out so that the answer is a mechanism). Switch to the Graph view to see the path; the
//   table shows the steps with each relationship's direction and best evidence level.
// Adapt: change the agent id ('phylloquinone', 'etidronate', 'indomethacin', ...) or the end process
//   ('heterotopic-ossification', 'skeletal-mineralization'); for every path, not only the shortest, use question 4
//   (cypher/questions/mechanism_paths.cypher).
MATCH path = allShortestPaths(
  (a:Agent {id: 'menaquinone-7'})
  -[:TARGETS|HAS_MECHANISM|PARTICIPATES_IN|MODULATES|REGULATES|IS_A*..8]->
  (p:Process {id: 'ectopic-calcification'}))
RETURN path,
       [n IN nodes(path) | n.name] AS steps,
       [r IN relationships(path) | type(r) + coalesce(' ' + r.direction, '') + coalesce(' [' + r.best_level + ']', '')]
         AS links;

// Question 4 — Mechanism paths (semantics: graph/questions.py, MechanismPaths).
// Every directed path of at most $max_hops (<= 6) relationships from agent $agent to $to through targets,
// mechanisms, pathways and processes, visiting no node twice; each relationship carries its evidence.
//
// :param agent => 'menaquinone-7';
// :param to => 'ectopic-calcification';
// :param max_hops => 4;
MATCH p = (a:Agent {id: $agent})
          -[:TARGETS|HAS_MECHANISM|PARTICIPATES_IN|MODULATES|REGULATES|AFFECTS|IS_A|STUDIED_IN*1..6]->
          (b:Entity {id: $to})
WHERE length(p) <= $max_hops
  AND all(n IN nodes(p)[1..-1] WHERE (n:Target OR n:Mechanism OR n:Pathway OR n:Process) AND n <> b)
  AND all(i IN range(1, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                 props: properties(r)}] AS edges
ORDER BY length(p);

// Question 6 — Generic constrained paths (semantics: graph/questions.py, Paths).
// Every path of at most $max_hops (<= 4) relationships between $from and $to, either direction, using only
// relationship types in $types, avoiding nodes in $exclude, visiting no node twice.
//
// :param from => 'menaquinone-7';
// :param to => 'osteoblast';
// :param types => ['AFFECTS', 'MODULATES', 'REGULATES', 'DRIVES', 'HAS_MECHANISM', 'TARGETS', 'PARTICIPATES_IN'];
// :param exclude => [];
// :param max_hops => 3;
MATCH p = (a:Entity {id: $from})-[*1..4]-(b:Entity {id: $to})
WHERE length(p) <= $max_hops
  AND all(r IN relationships(p) WHERE type(r) IN $types)
  AND none(n IN nodes(p) WHERE n.id IN $exclude)
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                 props: properties(r)}] AS edges
ORDER BY length(p);

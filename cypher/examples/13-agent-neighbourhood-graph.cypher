// Question: What does the graph know about one agent, at a glance?
// Shows: the agent etidronate with every relationship it has (class, targets, mechanisms, effects on processes and
//   cells, diseases and phases studied) - open the Graph view; apply cypher/calcigraph.grass for colours and
//   captions. Hover a relationship to see its evidence lists.
// Adapt: change the id ('indomethacin', 'menaquinone-7', 'palovarotene', ...); use `-[*1..2]-` for two hops
//   (becomes crowded quickly); add `WHERE type(r) = 'AFFECTS'` to see effects only.
MATCH path = (a:Agent {id: 'etidronate'})-[r]-(n)
RETURN path;

// What is in the graph: nodes per label and relationships per type (calcigraph load's closing summary).

// name: nodes
MATCH (n:Entity)
UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label
RETURN label, count(*) AS count
ORDER BY label;

// name: relationships
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(*) AS count
ORDER BY type;

// name: entities
// Whether a load starts on an empty graph (then it CREATEs instead of MERGEs; see cypher/load/*_fresh.cypher).
MATCH (n:Entity)
RETURN count(n) AS entities;

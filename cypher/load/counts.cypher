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

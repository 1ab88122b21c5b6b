// After a load: remove what the new generation did not write (claims deleted from data/ disappear).
// Runs in the same transaction as the load, so a failed load prunes nothing.

// name: relationships
MATCH (:Entity)-[r]->(:Entity)
WHERE r.generation IS NULL OR r.generation <> $generation
DELETE r;

// name: nodes
MATCH (n:Entity)
WHERE n.generation IS NULL OR n.generation <> $generation
DETACH DELETE n;

// The loaded graph's generation: `calcigraph load` stamps every node and relationship with one id per load, in one
// transaction, and prunes what it did not write — so any node carries the current one. No rows: an empty graph.
// The API's response cache on Neo4j keys answers by it (api/graphql/response_cache.py): a reload invalidates them.
MATCH (n:Entity) RETURN n.generation AS generation LIMIT 1;

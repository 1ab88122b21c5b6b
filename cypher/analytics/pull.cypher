// Pull the whole calcigraph graph into networkx (graph/analytics.py, networkx_graph(source="neo4j")).
// Two statements, one round trip each: nodes first, then relationships between them. The kinds to pull are
// parameters (taken from graph/schema.py's enums), so a graph that shares the database with other data pulls
// only calcigraph's part. Properties come back whole; Python drops the loader's `generation` bookkeeping.

// name: nodes
// :param labels => ['Agent', 'AgentClass', 'Target', 'Mechanism', 'Pathway', 'Process', 'CellType', 'Tissue', 'Disease', 'DiseasePhase', 'Publication'];
MATCH (n:Entity)
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
WHERE label IN $labels
RETURN n.id AS id, label, properties(n) AS props
ORDER BY id;

// name: relationships
// :param labels => ['Agent', 'AgentClass', 'Target', 'Mechanism', 'Pathway', 'Process', 'CellType', 'Tissue', 'Disease', 'DiseasePhase', 'Publication'];
// :param types => ['MEMBER_OF', 'TARGETS', 'HAS_MECHANISM', 'MODULATES', 'REGULATES', 'PARTICIPATES_IN', 'AFFECTS', 'STUDIED_IN', 'IS_A', 'OCCURS_IN', 'DRIVES', 'INVOLVES', 'SUBTYPE_OF', 'HAS_PHASE', 'NEXT'];
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
  AND [l IN labels(a) WHERE l <> 'Entity'][0] IN $labels
  AND [l IN labels(b) WHERE l <> 'Entity'][0] IN $labels
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, properties(r) AS props
ORDER BY source, type, key;

// Node reads behind the GraphQL API (graph/neo4j_store.py). Kinds come from labels (every node is also :Entity).

// name: get_many
// :param ids => ['indomethacin', 'etidronate'];
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props;

// name: list_asc
// One kind, filtered, sorted by $sort ('id' or 'name') then id, one page; with the total before paging.
// :param label => 'Agent'; :param ids => null; :param name_contains => null; :param agent_class => null;
// :param agent_kind => null; :param identifier => null; :param sort => 'name'; :param offset => 0; :param limit => 20;
MATCH (n:Entity) WHERE $label IN labels(n)
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($name_contains IS NULL OR toLower(n.name) CONTAINS toLower($name_contains))
  AND ($agent_kind IS NULL OR n.kind = $agent_kind)
  AND ($identifier IS NULL OR $identifier IN coalesce(n.identifiers, []))
  AND ($agent_class IS NULL OR EXISTS { (n)-[:MEMBER_OF]->(:AgentClass {id: $agent_class}) })
WITH n ORDER BY toString(n[$sort]) ASC, n.id ASC
WITH collect(n) AS matched
RETURN size(matched) AS total,
       [n IN matched[$offset..($offset + $limit)] |
          {id: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], props: properties(n)}] AS items;

// name: list_desc
MATCH (n:Entity) WHERE $label IN labels(n)
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($name_contains IS NULL OR toLower(n.name) CONTAINS toLower($name_contains))
  AND ($agent_kind IS NULL OR n.kind = $agent_kind)
  AND ($identifier IS NULL OR $identifier IN coalesce(n.identifiers, []))
  AND ($agent_class IS NULL OR EXISTS { (n)-[:MEMBER_OF]->(:AgentClass {id: $agent_class}) })
WITH n ORDER BY toString(n[$sort]) DESC, n.id DESC
WITH collect(n) AS matched
RETURN size(matched) AS total,
       [n IN matched[$offset..($offset + $limit)] |
          {id: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], props: properties(n)}] AS items;

// name: search
// Case-insensitive substring search over names, synonyms, brand names, symbols and titles (the same rule as
// the embedded store). For Lucene-scored search in Browser use the full-text index instead:
//   CALL db.index.fulltext.queryNodes('entity_search', 'indometacin~') YIELD node, score RETURN node.name, score
// :param text => 'zoledronic'; :param labels => []; :param limit => 10;
MATCH (n:Entity)
WHERE n.search_text CONTAINS toLower(trim($text))
  AND (size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels))
WITH n, toLower(n.name) AS name, toLower(trim($text)) AS needle
WITH n, CASE WHEN name = needle THEN 0 WHEN name STARTS WITH needle THEN 1
             WHEN name CONTAINS needle THEN 2 ELSE 3 END AS rank
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props
ORDER BY rank, n.name, n.id
LIMIT $limit;

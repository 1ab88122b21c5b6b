// The starting rows of a planned read (graph/neo4j_plan.py): each statement here ends with `total` and `page`
// (the nodes to project). graph/neo4j_plan.py appends the projection it composes from the request's selection:
//   RETURN total, [v0 IN page | {props: v0 {.id, ...}, rel0: [(v0)-[v1:TYPE]->(v2) | {props: v1 {.key, ...}, end: ...}]}] AS items
// Relationship types in that projection come from graph/schema.py, never from the request; values are parameters.

// name: list_asc
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
WITH size(matched) AS total, matched[$offset..($offset + $limit)] AS page

// name: list_desc
MATCH (n:Entity) WHERE $label IN labels(n)
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($name_contains IS NULL OR toLower(n.name) CONTAINS toLower($name_contains))
  AND ($agent_kind IS NULL OR n.kind = $agent_kind)
  AND ($identifier IS NULL OR $identifier IN coalesce(n.identifiers, []))
  AND ($agent_class IS NULL OR EXISTS { (n)-[:MEMBER_OF]->(:AgentClass {id: $agent_class}) })
WITH n ORDER BY toString(n[$sort]) DESC, n.id DESC
WITH collect(n) AS matched
WITH size(matched) AS total, matched[$offset..($offset + $limit)] AS page

// name: by_id
// :param id => 'etidronate';
OPTIONAL MATCH (n:Entity {id: $id})
WITH CASE WHEN n IS NULL THEN [] ELSE [n] END AS page
WITH size(page) AS total, page

// Batched one-hop reads for the API's DataLoaders: for each id, its relationships of type $type.
// Relationship types cannot be parameters in labels, so the type is matched with type(r) = $type.

// name: out
// :param ids => ['etidronate', 'indomethacin']; :param type => 'AFFECTS';
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b)
WHERE type(r) = $type
RETURN id, {type: type(r), source: a.id, target: b.id, props: properties(r)} AS edge
ORDER BY id, r.key;

// name: in
// :param ids => ['bisphosphonates']; :param type => 'MEMBER_OF';
UNWIND $ids AS id
MATCH (a:Entity {id: id})<-[r]-(b)
WHERE type(r) = $type
RETURN id, {type: type(r), source: b.id, target: a.id, props: properties(r)} AS edge
ORDER BY id, r.key;

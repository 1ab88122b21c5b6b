// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// One statement per relationship type: MERGE by key between nodes of this load, by element id.
// Parameters: $rows (list of {source, target: element ids; key; props, which include key}),
// $generation (string).

// name: MEMBER_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:MEMBER_OF {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: TARGETS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:TARGETS {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: HAS_MECHANISM
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:HAS_MECHANISM {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: MODULATES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:MODULATES {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: REGULATES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:REGULATES {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: PARTICIPATES_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:PARTICIPATES_IN {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: AFFECTS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:AFFECTS {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: STUDIED_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:STUDIED_IN {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: IS_A
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:IS_A {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: OCCURS_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:OCCURS_IN {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: DRIVES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:DRIVES {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: INVOLVES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:INVOLVES {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: SUBTYPE_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:SUBTYPE_OF {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: HAS_PHASE
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:HAS_PHASE {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: NEXT
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:NEXT {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: PART_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:PART_OF {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// name: MANIFESTS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
MERGE (a)-[r:MANIFESTS {key: row.key}]->(b)
SET r = row.props, r.generation = $generation;

// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// One statement per relationship type: CREATE between nodes of this load, by element id.
// Parameters: $rows (list of {source, target: element ids; key; props, which include key}),
// $generation (string).
// Only for a graph without :Entity nodes (first load, or --wipe): nothing to find or merge.

// name: MEMBER_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:MEMBER_OF]->(b)
SET r = row.props, r.generation = $generation;

// name: TARGETS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:TARGETS]->(b)
SET r = row.props, r.generation = $generation;

// name: HAS_MECHANISM
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:HAS_MECHANISM]->(b)
SET r = row.props, r.generation = $generation;

// name: MODULATES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:MODULATES]->(b)
SET r = row.props, r.generation = $generation;

// name: REGULATES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:REGULATES]->(b)
SET r = row.props, r.generation = $generation;

// name: PARTICIPATES_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:PARTICIPATES_IN]->(b)
SET r = row.props, r.generation = $generation;

// name: AFFECTS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:AFFECTS]->(b)
SET r = row.props, r.generation = $generation;

// name: STUDIED_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:STUDIED_IN]->(b)
SET r = row.props, r.generation = $generation;

// name: IS_A
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:IS_A]->(b)
SET r = row.props, r.generation = $generation;

// name: OCCURS_IN
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:OCCURS_IN]->(b)
SET r = row.props, r.generation = $generation;

// name: DRIVES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:DRIVES]->(b)
SET r = row.props, r.generation = $generation;

// name: INVOLVES
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:INVOLVES]->(b)
SET r = row.props, r.generation = $generation;

// name: SUBTYPE_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:SUBTYPE_OF]->(b)
SET r = row.props, r.generation = $generation;

// name: HAS_PHASE
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:HAS_PHASE]->(b)
SET r = row.props, r.generation = $generation;

// name: NEXT
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:NEXT]->(b)
SET r = row.props, r.generation = $generation;

// name: PART_OF
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:PART_OF]->(b)
SET r = row.props, r.generation = $generation;

// name: MANIFESTS
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.source
MATCH (b) WHERE elementId(b) = row.target
CREATE (a)-[r:MANIFESTS]->(b)
SET r = row.props, r.generation = $generation;

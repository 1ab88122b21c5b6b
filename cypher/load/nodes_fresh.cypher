// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// One statement per label: CREATE, set properties, stamp the load generation;
// returns each node's element id for the relationship statements of the same transaction.
// Parameters: $rows (list of {id, props}; props include id), $generation (string).
// Only for a graph without :Entity nodes (first load, or --wipe): nothing is looked up.

// name: Agent
UNWIND $rows AS row
CREATE (n:Entity:Agent)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: AgentClass
UNWIND $rows AS row
CREATE (n:Entity:AgentClass)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Target
UNWIND $rows AS row
CREATE (n:Entity:Target)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Mechanism
UNWIND $rows AS row
CREATE (n:Entity:Mechanism)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Pathway
UNWIND $rows AS row
CREATE (n:Entity:Pathway)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Process
UNWIND $rows AS row
CREATE (n:Entity:Process)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: CellType
UNWIND $rows AS row
CREATE (n:Entity:CellType)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Tissue
UNWIND $rows AS row
CREATE (n:Entity:Tissue)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Disease
UNWIND $rows AS row
CREATE (n:Entity:Disease)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: DiseasePhase
UNWIND $rows AS row
CREATE (n:Entity:DiseasePhase)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Publication
UNWIND $rows AS row
CREATE (n:Entity:Publication)
SET n = row.props, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

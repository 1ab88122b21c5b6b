// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// One statement per label: MERGE by id, replace properties, stamp the load generation;
// returns each node's element id for the relationship statements of the same transaction.
// Parameters: $rows (list of {id, props}; props include id), $generation (string).

// name: Agent
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Agent, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: AgentClass
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:AgentClass, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Target
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Target, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Mechanism
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Mechanism, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Pathway
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Pathway, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Process
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Process, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: CellType
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:CellType, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Tissue
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Tissue, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Disease
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Disease, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: DiseasePhase
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:DiseasePhase, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

// name: Publication
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Publication, n.generation = $generation
RETURN row.id AS id, elementId(n) AS element_id;

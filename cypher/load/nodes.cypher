// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.
// One statement per label: MERGE by id, replace properties, stamp the load generation.
// Parameters: $rows (list of {id, props}), $generation (string).

// name: Agent
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Agent, n.generation = $generation;

// name: AgentClass
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:AgentClass, n.generation = $generation;

// name: Target
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Target, n.generation = $generation;

// name: Mechanism
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Mechanism, n.generation = $generation;

// name: Pathway
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Pathway, n.generation = $generation;

// name: Process
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Process, n.generation = $generation;

// name: CellType
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:CellType, n.generation = $generation;

// name: Tissue
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Tissue, n.generation = $generation;

// name: Disease
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Disease, n.generation = $generation;

// name: DiseasePhase
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:DiseasePhase, n.generation = $generation;

// name: Publication
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Publication, n.generation = $generation;

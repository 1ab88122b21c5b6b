// GENERATED from graph/schema.py by `calcigraph schema --cypher`; do not edit by hand.

// Uniqueness of ids (one per label, and across all kinds via :Entity)
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agent_id IF NOT EXISTS FOR (n:Agent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agent_class_id IF NOT EXISTS FOR (n:AgentClass) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mechanism_id IF NOT EXISTS FOR (n:Mechanism) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT pathway_id IF NOT EXISTS FOR (n:Pathway) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT process_id IF NOT EXISTS FOR (n:Process) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cell_type_id IF NOT EXISTS FOR (n:CellType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tissue_id IF NOT EXISTS FOR (n:Tissue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_id IF NOT EXISTS FOR (n:Disease) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_phase_id IF NOT EXISTS FOR (n:DiseasePhase) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;

// Name lookups
CREATE INDEX agent_name IF NOT EXISTS FOR (n:Agent) ON (n.name);
CREATE INDEX agent_class_name IF NOT EXISTS FOR (n:AgentClass) ON (n.name);
CREATE INDEX target_name IF NOT EXISTS FOR (n:Target) ON (n.name);
CREATE INDEX mechanism_name IF NOT EXISTS FOR (n:Mechanism) ON (n.name);
CREATE INDEX pathway_name IF NOT EXISTS FOR (n:Pathway) ON (n.name);
CREATE INDEX process_name IF NOT EXISTS FOR (n:Process) ON (n.name);
CREATE INDEX cell_type_name IF NOT EXISTS FOR (n:CellType) ON (n.name);
CREATE INDEX tissue_name IF NOT EXISTS FOR (n:Tissue) ON (n.name);
CREATE INDEX disease_name IF NOT EXISTS FOR (n:Disease) ON (n.name);
CREATE INDEX disease_phase_name IF NOT EXISTS FOR (n:DiseasePhase) ON (n.name);
CREATE INDEX publication_name IF NOT EXISTS FOR (n:Publication) ON (n.name);

// Retired: relationship key indexes. The loader's MERGE (a)-[r {key}]->(b) was planned as a scan
// of the whole index per row (quadratic reloads); without them it expands from the bound nodes.
// No read query looks relationships up by key. Dropped here so older databases lose them too.
DROP INDEX rel_member_of_key IF EXISTS;
DROP INDEX rel_targets_key IF EXISTS;
DROP INDEX rel_has_mechanism_key IF EXISTS;
DROP INDEX rel_modulates_key IF EXISTS;
DROP INDEX rel_regulates_key IF EXISTS;
DROP INDEX rel_participates_in_key IF EXISTS;
DROP INDEX rel_affects_key IF EXISTS;
DROP INDEX rel_studied_in_key IF EXISTS;
DROP INDEX rel_is_a_key IF EXISTS;
DROP INDEX rel_occurs_in_key IF EXISTS;
DROP INDEX rel_drives_key IF EXISTS;
DROP INDEX rel_involves_key IF EXISTS;
DROP INDEX rel_subtype_of_key IF EXISTS;
DROP INDEX rel_has_phase_key IF EXISTS;
DROP INDEX rel_next_key IF EXISTS;
DROP INDEX rel_part_of_key IF EXISTS;
DROP INDEX rel_manifests_key IF EXISTS;

// Full-text search over names, synonyms and brand names (search_text joins them)
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Agent|AgentClass|Target|Mechanism|Pathway|Process|CellType|Tissue|Disease|DiseasePhase|Publication) ON EACH [n.search_text];

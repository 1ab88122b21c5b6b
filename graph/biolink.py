"""The one mapping table from calcigraph's schema to Biolink Model categories and predicates (for KGX export).

Where Biolink has no precise term the broader one is used and the choice is noted, rather than inventing terms.
"""

from __future__ import annotations

from urllib.parse import quote

from graph import schema as s

K, R = s.NodeKind, s.RelKind

CATEGORY: dict[s.NodeKind, str] = {
    K.AGENT: "biolink:ChemicalEntity",
    K.AGENT_CLASS: "biolink:ChemicalEntity",      # a pharmacological class; Biolink has no class-of-drugs category
    K.TARGET: "biolink:Gene",                     # HGNC-symbol gene products
    K.MECHANISM: "biolink:MolecularActivity",     # mechanism of action, at molecular level
    K.PATHWAY: "biolink:Pathway",
    K.PROCESS: "biolink:BiologicalProcess",
    K.CELL_TYPE: "biolink:Cell",
    K.TISSUE: "biolink:GrossAnatomicalStructure",
    K.DISEASE: "biolink:Disease",
    K.DISEASE_PHASE: "biolink:ClinicalCourse",    # a stage in a disease's course
    K.PUBLICATION: "biolink:Publication",
}

PREDICATE: dict[s.RelKind, str] = {
    R.MEMBER_OF: "biolink:member_of",
    R.TARGETS: "biolink:interacts_with",           # action (inhibits, binds, ...) kept as a column
    R.HAS_MECHANISM: "biolink:related_to",         # no Biolink predicate for "acts by mechanism"
    R.MODULATES: "biolink:affects",                # direction kept as a column
    R.REGULATES: "biolink:regulates",
    R.PARTICIPATES_IN: "biolink:participates_in",
    R.AFFECTS: "biolink:affects",                  # direction, tissue and dose kept as columns
    R.STUDIED_IN: "biolink:studied_to_treat",      # outcome kept as a column
    R.IS_A: "biolink:subclass_of",
    R.OCCURS_IN: "biolink:occurs_in",
    R.DRIVES: "biolink:contributes_to",
    R.INVOLVES: "biolink:disease_has_location",
    R.SUBTYPE_OF: "biolink:subclass_of",
    R.HAS_PHASE: "biolink:has_part",
    R.NEXT: "biolink:precedes",
    R.PART_OF: "biolink:part_of",
    R.MANIFESTS: "biolink:related_to",             # "defined by this pathological process": no precise predicate
}

CURIE_PREFIX = "calcigraph"
"""Curated entities have slugs, not CURIEs: KGX ids are `calcigraph:<slug>` (our one declared prefix)."""


def curie(node_id: str, kind: s.NodeKind) -> str:
    return publication_curie(node_id) if kind is K.PUBLICATION else f"{CURIE_PREFIX}:{node_id}"


def publication_curie(pub_id: str) -> str:
    """PMIDs are Biolink CURIEs as they are; a DOI becomes Biolink's `doi:` prefix with its local part
    percent-encoded, because a CURIE's local part may not hold the `/` every DOI has (KGX rejects it) —
    `DOI:10.1038/bjp.2008.167` → `doi:10.1038%2Fbjp.2008.167`, which still resolves at https://doi.org/."""
    if pub_id.startswith("DOI:"):
        return "doi:" + quote(pub_id[4:], safe=".-_~")
    return pub_id

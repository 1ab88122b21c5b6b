// Question: I only know a name, a synonym, a brand or a misspelling - which entity is it?
// Shows: hits of the `entity_search` full-text index (over names, synonyms, brand names, symbols and publication
//   titles of every label) for the fuzzy term 'indometacin~' (the INN spelling; `~` allows small typos): the agent
//   indomethacin first, then publications mentioning it, with their score.
// Adapt: any Lucene query - 'zoledron*' (prefix), 'vitamin AND K2', '"calcific tendinitis"' (phrase), 'Fosamax'
//   (brand name); filter by label with `WHERE node:Agent`.
CALL db.index.fulltext.queryNodes('entity_search', 'indometacin~') YIELD node, score
RETURN [l IN labels(node) WHERE l <> 'Entity'][0] AS label, node.id AS id, node.name AS name, score
ORDER BY score DESC
LIMIT 10;

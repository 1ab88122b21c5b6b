// Question: Which molecular targets are hit by more than one agent (and from which classes)?
// Shows: targets with at least two agents that TARGET them, the action each agent has on it (inhibits, activates,
//   chelates, ...), and the agents' classes - useful to spot shared mechanisms and possible additive effects.
// Adapt: raise the threshold (`>= 2`) or add `WHERE r.action = 'inhibits'`; return `path` rows
//   (`MATCH path = (a)-[r:TARGETS]->(t)`) for a graph view.
MATCH (a:Agent)-[r:TARGETS]->(t:Target)
WITH t, collect(a.name + ' (' + r.action + ')') AS agents,
     collect(DISTINCT [(a)-[:MEMBER_OF]->(c:AgentClass) | c.name][0]) AS classes
WHERE size(agents) >= 2
RETURN t.symbol AS target, t.name AS name, size(agents) AS n_agents, agents, classes
ORDER BY n_agents DESC, target;

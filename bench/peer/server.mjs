// The peer of `python -m bench.peer`: the Neo4j GraphQL Library over the same Neo4j, on a bare node:http server
// (no framework in front, so the peer is measured at its best). Type definitions come from the runner
// (bench/peer_schema.py, generated from graph/schema.py); the flagship is a @cypher field running
// cypher/questions/inhibitors_without_harm.cypher.
//
// Env: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT, TYPEDEFS (a file). POST /graphql {query, variables};
// GET /stats -> {statements}: Cypher statements sent so far (the runner's round-trip count).
import http from "node:http";
import { readFileSync } from "node:fs";
import { graphql } from "graphql";
import neo4j from "neo4j-driver";
import { Neo4jGraphQL } from "@neo4j/graphql";

const driver = neo4j.driver(process.env.NEO4J_URI, neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD));
let statements = 0;

// Count every statement the library sends: it runs them in transactions of sessions it opens itself.
const countingDriver = new Proxy(driver, {
  get(target, prop) {
    if (prop === "session") {
      return (...args) => {
        const session = target.session(...args);
        const wrapTx = (tx) => new Proxy(tx, {
          get(t, p) {
            if (p === "run") return (...a) => { statements += 1; return t.run(...a); };
            const v = t[p];
            return typeof v === "function" ? v.bind(t) : v;
          },
        });
        return new Proxy(session, {
          get(s, p) {
            if (p === "run") return (...a) => { statements += 1; return s.run(...a); };
            if (p === "executeRead" || p === "executeWrite" || p === "readTransaction" || p === "writeTransaction") {
              return (work, config) => s[p]((tx) => work(wrapTx(tx)), config);
            }
            if (p === "beginTransaction") return (...a) => wrapTx(s.beginTransaction(...a));
            const v = s[p];
            return typeof v === "function" ? v.bind(s) : v;
          },
        });
      };
    }
    if (prop === "executeQuery") return (...a) => { statements += 1; return target.executeQuery(...a); };
    const v = target[prop];
    return typeof v === "function" ? v.bind(target) : v;
  },
});

const typeDefs = readFileSync(process.env.TYPEDEFS, "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver: countingDriver }).getSchema();

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ statements }));
    return;
  }
  if (req.method === "GET" && req.url === "/readyz") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"ready"}');
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let body;
    try {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue: {} });
      body = JSON.stringify(result);
    } catch (err) {
      body = JSON.stringify({ errors: [{ message: String(err) }] });
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`peer listening on ${process.env.PORT}`));

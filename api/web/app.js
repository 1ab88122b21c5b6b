// calcigraph workbench: the questions as forms and sortable tables, through the public GraphQL API only.
// No external requests: every asset is served by the app; links to PubMed/DOI open only when clicked.
"use strict";

const EVIDENCE = "evidence { pub level verified finding exposure regimen timing population intent " +
  "publication { ... on Publication { title year journal url } } }";
const FACETS = [["OSTEOBLAST", "Osteoblast"], ["BONE_FORMATION", "Formation"], ["MINERALIZATION", "Mineralization"],
  ["FRACTURE_HEALING", "Fracture healing"], ["BONE_MASS", "Bone mass"], ["SKELETAL_GROWTH", "Growth"]];
const LEVELS = ["", "IN_VITRO", "ANIMAL", "CASE_REPORT", "REVIEW", "CASE_SERIES", "COHORT", "GUIDELINE", "RCT",
  "META_ANALYSIS"];

const lower = (v) => (v == null ? "" : String(v).toLowerCase().replaceAll("_", " "));
const papers = (claims) => [...new Set(claims.flatMap((c) => c.evidence.map((e) => e.pub)))];
const levels = (claims) => [...new Set(claims.map((c) => lower(c.bestLevel)).filter(Boolean))].join(", ");

const PATH_SELECTION = `length nodes { id name kind }
  relationships { key type direction action outcome source { id } bestLevel ${EVIDENCE} }`;
const RANK = { IN_VITRO: 1, ANIMAL: 2, CASE_REPORT: 3, REVIEW: 3, CASE_SERIES: 4, COHORT: 5, GUIDELINE: 5, RCT: 6,
  META_ANALYSIS: 7 };
const weakest = (rels) => lower(rels.map((r) => r.bestLevel).filter(Boolean)
  .sort((a, b) => (RANK[a] || 0) - (RANK[b] || 0))[0] || "");

// One colour per node kind — the same as the figures of examples/ (examples/_common.py KIND_COLOURS).
const KIND_COLOURS = { AGENT: "#d62728", AGENT_CLASS: "#ff9896", TARGET: "#9467bd", MECHANISM: "#1f77b4",
  PATHWAY: "#17becf", PROCESS: "#2ca02c", CELL_TYPE: "#bcbd22", TISSUE: "#8c564b", DISEASE: "#ff7f0e",
  DISEASE_PHASE: "#ffbb78", PUBLICATION: "#7f7f7f" };
const EFFECT_COLOURS = { inhibits: "#c0392b", antagonist: "#c0392b", chelates: "#c0392b", promotes: "#27ae60",
  activates: "#27ae60", agonist: "#27ae60", no_effect: "#7f8c8d" };

/** A path as a small SVG: nodes in a row coloured by kind, each step an arrow in its real direction, captioned
 * with its type and qualifier and coloured by effect (red inhibits, green promotes). Inline, no library. */
function pathSvg(path) {
  const step = 190; const r = 11; const y = 34; const width = step * (path.nodes.length - 1) + 160;
  const short = (t, n) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
  const parts = [];
  path.relationships.forEach((rel, i) => {
    const forward = rel.source.id === path.nodes[i].id;
    const x1 = 80 + i * step + (forward ? r + 2 : step - r - 2); const x2 = 80 + i * step + (forward ? step - r - 6 : r + 6);
    const word = rel.direction || rel.action || rel.outcome || "";
    const colour = EFFECT_COLOURS[word] || "#9aa3ae";
    parts.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${colour}" stroke-width="2"
      marker-end="url(#arrow-${colour.slice(1)})"/>`,
      `<text x="${80 + i * step + step / 2}" y="${y - 9}" text-anchor="middle" class="step">${escape(rel.type)}` +
      `${word ? ` · ${escape(lower(word))}` : ""}</text>`);
  });
  path.nodes.forEach((n, i) => {
    const x = 80 + i * step;
    parts.push(`<g><title>${escape(n.name)} (${escape(lower(n.kind))}: ${escape(n.id)})</title>` +
      `<circle cx="${x}" cy="${y}" r="${r}" fill="${KIND_COLOURS[n.kind] || "#999"}"/>` +
      `<text x="${x}" y="${y + 26}" text-anchor="middle">${escape(short(n.name, 26))}</text>` +
      `<text x="${x}" y="${y + 39}" text-anchor="middle" class="kind">${escape(lower(n.kind))}</text></g>`);
  });
  const colours = [...new Set(Object.values(EFFECT_COLOURS).concat("#9aa3ae"))];
  const markers = colours.map((c) => `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="9" refY="5"
    markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`);
  return `<figure class="path"><svg role="img" aria-label="path picture" width="${width}" height="84"
    viewBox="0 0 ${width} 84"><defs>${markers.join("")}</defs>${parts.join("")}</svg>
    <figcaption>red: inhibits · green: promotes · grey: other links; arrows point from source to target</figcaption>
    </figure>`;
}

/** A question answered by paths: its own arguments plus `maxHops`, the path as one row, a picture under details. */
function pathQuestion({ title, explain, root, fields, hops, arrow }) {
  return {
    title, explain: `${explain} A picture of each path is under “details”.`, root,
    fields: [...fields, { name: "maxHops", label: "At most hops", options: hops, type: "Int!", value: hops[0],
      number: true }],
    selection: PATH_SELECTION,
    columns: [["Path", (r) => r.nodes.map((n) => n.name).join(arrow)], ["Hops", (r) => r.length],
      ["Weakest step", (r) => weakest(r.relationships)]],
    detail: (r) => pathSvg(r) + evidenceSection("Evidence, step by step", r.relationships),
  };
}

const QUESTIONS = {
  inhibitors: {
    title: "Agents that inhibit ectopic calcification without harming bone",
    explain: "Qualified by an inhibits claim or a successful clinical study; bone safety judged per facet by one " +
      "rule (therapeutic exposure only, human over animal over in vitro, verified over unverified, disagreement " +
      "shown as conflicting). Harm and conflicting verdicts are listed only on request.",
    root: "inhibitorsWithoutHarm",
    fields: [
      { name: "disease", label: "Disease (with subtypes)", list: "Disease" },
      { name: "phase", label: "Disease phase", list: "DiseasePhase" },
      { name: "tissue", label: "Tissue", list: "Tissue" },
      { name: "process", label: "Process to inhibit", list: "Process", value: "ectopic-calcification" },
      { name: "minEvidence", label: "Minimum evidence", options: LEVELS, type: "EvidenceLevel" },
      { name: "includeHarmed", label: "include harm and conflicting", check: false },
      { name: "verifiedOnly", label: "verified citations only", check: true },
      { name: "clinical", label: "count clinical studies", check: true },
    ],
    selection: `agent { id name } verdict reason qualifiedBy strength { score bestLevel publications }
      facets { facet verdict reason } inhibitions { key target { id } bestLevel ${EVIDENCE} }
      efficacy { key target { id } outcome disease bestLevel ${EVIDENCE} }`,
    columns: [["Agent", (r) => r.agent.name], ["Verdict", (r) => lower(r.verdict), "verdict"],
      ...FACETS.map(([f, label]) => [label, (r) => lower((r.facets.find((x) => x.facet === f) || {}).verdict),
        "verdict"]),
      ["Qualified by", (r) => r.qualifiedBy.join(" + ")],
      ["Best level", (r) => levels(r.inhibitions.concat(r.efficacy))],
      ["Papers", (r) => papers(r.inhibitions.concat(r.efficacy)).length],
      ["Strength", (r) => r.strength.score]],
    detail: (r) => section("Why", r.facets.map((f) => `${label(f.facet)}: ${f.reason}`)) +
      evidenceSection("Qualifying evidence", r.inhibitions.concat(r.efficacy)),
  },
  studiedIn: {
    title: "Agents studied in a disease",
    explain: "Every study of the disease and its subtypes, on the disease or one of its phases, with outcome and " +
      "intent (prevention or treatment of established disease).",
    root: "agentsStudiedIn",
    fields: [
      { name: "disease", label: "Disease (with subtypes)", list: "Disease", value: "acquired-ho", type: "ID!" },
      { name: "outcomes", label: "Outcome", options: ["", "EFFECTIVE", "MIXED", "INEFFECTIVE", "HARMFUL"],
        type: "[Outcome!]", multi: true },
      { name: "intent", label: "Intent", options: ["", "PREVENTION", "TREATMENT"], type: "Intent" },
      { name: "minEvidence", label: "Minimum evidence", options: LEVELS, type: "EvidenceLevel" },
      { name: "verifiedOnly", label: "verified citations only", check: false },
    ],
    selection: `agent { id name } disease { id name } phase { id name } outcome intents
      strength { score bestLevel publications } claim { key bestLevel ${EVIDENCE} }`,
    columns: [["Agent", (r) => r.agent.name], ["Disease", (r) => r.disease.name],
      ["Phase", (r) => (r.phase ? r.phase.name : "")], ["Outcome", (r) => lower(r.outcome)],
      ["Intent", (r) => r.intents.map(lower).join(", ")], ["Best level", (r) => lower(r.strength.bestLevel)],
      ["Papers", (r) => r.strength.publications]],
    detail: (r) => evidenceSection("Evidence", [r.claim]),
  },
  actingOn: {
    title: "Agents acting on a target, pathway or mechanism",
    explain: "Directly (targets, has mechanism) or through one target or mechanism, with every claim chain.",
    root: "agentsActingOn",
    fields: [
      { name: "node", label: "Target, pathway or mechanism", list: "Acting", value: "cox2-pge2", type: "ID!" },
      { name: "minEvidence", label: "Minimum evidence", options: LEVELS, type: "EvidenceLevel" },
      { name: "verifiedOnly", label: "verified citations only", check: false },
    ],
    selection: `agent { id name } direct chains { length nodes { id name }
      relationships { key type bestLevel ${EVIDENCE} } }`,
    columns: [["Agent", (r) => r.agent.name], ["Direct", (r) => (r.direct ? "yes" : "no")],
      ["Chains", (r) => r.chains.map((p) => p.nodes.map((n) => n.id).join(" → ")).join(" | ")]],
    detail: (r) => evidenceSection("Evidence", r.chains.flatMap((p) => p.relationships)),
  },
  gaps: {
    title: "Evidence gaps",
    explain: "For each agent class (or disease), the strongest kind of efficacy evidence held: musculoskeletal " +
      "human, animal or in vitro, comparator settings only, or none. Weakest first.",
    root: "evidenceGaps",
    fields: [
      { name: "scope", label: "Rows", options: ["AGENT_CLASS", "DISEASE"], type: "GapScope!", value: "AGENT_CLASS" },
      { name: "kinds", label: "Kind", options: ["", "MSK_HUMAN", "MSK_ANIMAL", "MSK_IN_VITRO", "COMPARATOR_ONLY",
        "NONE"], type: "[GapKind!]", multi: true },
    ],
    selection: "node { id name } kind claims publications bestLevel controlled agents { id }",
    columns: [["Class or disease", (r) => r.node.name], ["Kind", (r) => lower(r.kind)], ["Claims", (r) => r.claims],
      ["Papers", (r) => r.publications], ["Best level", (r) => lower(r.bestLevel)],
      ["Controlled trial", (r) => (r.controlled ? "yes" : "no")], ["Agents", (r) => r.agents.map((a) => a.id).join(", ")]],
    detail: null,
  },
  phase: {
    title: "Agents by disease phase",
    explain: "Studies staged by a disease's phases (a subtype uses its parent's phase scheme).",
    root: "agentsInPhase",
    fields: [
      { name: "disease", label: "Disease", list: "Disease", value: "acquired-ho" },
      { name: "phase", label: "Phase", list: "DiseasePhase" },
      { name: "agent", label: "Agent", list: "Agent" },
    ],
    selection: `agent { id name } disease { id name } scheme { id } phase { id name } order outcome
      claim { key bestLevel ${EVIDENCE} }`,
    columns: [["Agent", (r) => r.agent.name], ["Disease", (r) => r.disease.name], ["Phase", (r) => r.phase.name],
      ["Order", (r) => r.order], ["Outcome", (r) => lower(r.outcome)], ["Best level", (r) => lower(r.claim.bestLevel)]],
    detail: (r) => evidenceSection("Evidence", [r.claim]),
  },
  dual: {
    title: "Dual action: inhibit ectopic calcification and build bone",
    explain: "Agents that inhibit ectopic calcification (by a claim or a clinical study) and promote bone " +
      "formation, mineralization, osteoblasts or bone mass; conflicting claims listed.",
    root: "dualAction",
    fields: [
      { name: "minEvidence", label: "Minimum evidence", options: LEVELS, type: "EvidenceLevel" },
      { name: "verifiedOnly", label: "verified citations only", check: true },
    ],
    selection: `agent { id name } inhibitions { key target { id } bestLevel ${EVIDENCE} }
      efficacy { key target { id } bestLevel ${EVIDENCE} } promotions { key target { id } bestLevel ${EVIDENCE} }
      conflicts { key target { id } bestLevel ${EVIDENCE} }`,
    columns: [["Agent", (r) => r.agent.name],
      ["Inhibits", (r) => r.inhibitions.concat(r.efficacy).map((c) => c.target.id).join(", ")],
      ["Promotes", (r) => r.promotions.map((c) => c.target.id).join(", ")],
      ["Conflicts", (r) => r.conflicts.map((c) => c.target.id).join(", ")]],
    detail: (r) => evidenceSection("Evidence", r.inhibitions.concat(r.efficacy, r.promotions, r.conflicts)),
  },
  mechanismPaths: pathQuestion({
    title: "How an agent reaches a process: mechanism paths",
    explain: "Chains of claims from an agent through its targets, mechanisms and pathways to a process, cell type " +
      "or disease; shortest first, each step with its evidence.",
    root: "mechanismPaths",
    fields: [
      { name: "agent", label: "Agent", list: "Agent", value: "palovarotene", type: "ID!" },
      { name: "to", label: "Process, cell type or disease", list: "Reach", value: "heterotopic-ossification",
        type: "ID!" },
    ],
    hops: ["4", "1", "2", "3", "5", "6"],
    arrow: " → ",
  }),
  paths: pathQuestion({
    title: "Paths between any two nodes",
    explain: "Every route between two nodes in either direction (at most 4 hops), shortest first — e.g. how a " +
      "target links to a disease.",
    root: "paths",
    fields: [
      { name: "from", label: "From (any node)", list: "Any", value: "ptgs2", type: "ID!" },
      { name: "to", label: "To (any node)", list: "Any", value: "heterotopic-ossification", type: "ID!" },
    ],
    hops: ["3", "1", "2", "4"],
    arrow: " — ",
  }),
  profile: {
    title: "Evidence profile of an agent",
    explain: "Everything the graph claims about one agent, grouped by relationship, qualifier and evidence level.",
    root: "evidenceProfile",
    fields: [{ name: "agent", label: "Agent", list: "Agent", value: "etidronate", type: "ID!" }],
    selection: `relationship qualifier level claims { key target { id name } bestLevel ${EVIDENCE} }`,
    columns: [["Relationship", (r) => r.relationship], ["Qualifier", (r) => lower(r.qualifier)],
      ["Level", (r) => lower(r.level)], ["Claims", (r) => r.claims.length],
      ["On", (r) => r.claims.map((c) => c.target.name).join(", ")]],
    detail: (r) => evidenceSection("Evidence", r.claims),
  },
};

const state = { question: "inhibitors", answer: [], sort: null, request: null };

function escape(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
    "'": "&#39;" }[c]));
}
function label(facet) { return (FACETS.find(([f]) => f === facet) || [facet, facet || "other"])[1]; }
function section(title, lines) {
  return `<strong>${escape(title)}</strong><ul>${lines.map((l) => `<li>${escape(l)}</li>`).join("")}</ul>`;
}
function evidenceSection(title, claims) {
  const items = claims.flatMap((c) => c.evidence.map((e) => {
    const pub = e.publication || {};
    const link = pub.url ? `<a href="${escape(pub.url)}" target="_blank" rel="noopener">${escape(e.pub)}</a>`
      : escape(e.pub);
    const context = [e.exposure !== "THERAPEUTIC" ? lower(e.exposure) : "", lower(e.regimen), lower(e.timing),
      lower(e.population), lower(e.intent)].filter(Boolean).join(", ");
    return `<li>${escape(c.key)} — <em>${lower(e.level)}</em>${context ? ` (${escape(context)})` : ""}: ` +
      `${escape(e.finding)} ${link}${pub.year ? ` ${escape(pub.title)}, ${pub.year}` : ""}` +
      `${e.verified ? "" : ' <span class="unverified">unverified</span>'}</li>`;
  }));
  return `<strong>${escape(title)}</strong><ul>${items.join("")}</ul>`;
}

async function graphql(query, variables) {
  const response = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    const argument = e.extensions && e.extensions.argument;
    throw new Error(argument ? `${argument}: ${e.message.replace(/^\w+: /, "")}` : e.message);
  }
  return body.data;
}

async function loadLists() {
  const kinds = ["diseases", "diseasePhases", "tissues", "processes", "targets", "pathways", "mechanisms", "agents",
    "cellTypes"];
  const data = await graphql(`{ ${kinds.map((k) => `${k}(limit: 500) { items { id name } }`).join(" ")} }`);
  const fill = (id, items) => {
    document.getElementById(`list-${id}`).innerHTML =
      items.map((n) => `<option value="${escape(n.id)}">${escape(n.name)}</option>`).join("");
  };
  fill("Disease", data.diseases.items);
  fill("DiseasePhase", data.diseasePhases.items);
  fill("Tissue", data.tissues.items);
  fill("Process", data.processes.items);
  fill("Agent", data.agents.items);
  fill("Acting", [...data.targets.items, ...data.pathways.items, ...data.mechanisms.items]);
  fill("Reach", [...data.processes.items, ...data.cellTypes.items, ...data.diseases.items]);
  fill("Any", kinds.flatMap((k) => data[k].items));
}

function renderNav() {
  const nav = document.getElementById("questions");
  nav.innerHTML = Object.entries(QUESTIONS).map(([key, q]) =>
    `<button type="button" data-q="${key}" aria-pressed="${key === state.question}">${escape(q.title)}</button>`)
    .join("");
  nav.querySelectorAll("button").forEach((b) => b.addEventListener("click", () => {
    selectQuestion(b.dataset.q, new URLSearchParams());
  }));
}

function renderForm(params) {
  const q = QUESTIONS[state.question];
  document.getElementById("title").textContent = q.title;
  document.getElementById("explain").textContent = q.explain;
  const form = document.getElementById("form");
  form.innerHTML = q.fields.map((f) => {
    const given = params.get(f.name);
    if (f.check !== undefined) {
      const on = given == null ? f.check : given === "1" || given === "true";
      return `<label class="check"><input type="checkbox" name="${f.name}" ${on ? "checked" : ""}> ${escape(f.label)}</label>`;
    }
    if (f.options) {
      const value = given ?? f.value ?? "";
      return `<label>${escape(f.label)}<select name="${f.name}">${f.options.map((o) =>
        `<option value="${o}" ${o === value ? "selected" : ""}>${o ? lower(o) : "any"}</option>`).join("")}</select></label>`;
    }
    return `<label>${escape(f.label)}<input type="text" name="${f.name}" list="list-${f.list}"
      value="${escape(given ?? f.value ?? "")}" placeholder="type to search"></label>`;
  }).join("") + '<button type="submit" class="run">Ask</button>';
  form.onsubmit = (event) => { event.preventDefault(); run(); };
}

function variablesFromForm() {
  const q = QUESTIONS[state.question];
  const form = document.getElementById("form");
  const variables = {};
  const params = new URLSearchParams({ q: state.question });
  for (const f of q.fields) {
    const input = form.elements[f.name];
    if (f.check !== undefined) {
      variables[f.name] = input.checked;
      if (input.checked !== f.check) params.set(f.name, input.checked ? "1" : "0");
    } else if (input.value.trim()) {
      const value = input.value.trim();
      variables[f.name] = f.multi ? [value] : f.number ? Number(value) : value;
      params.set(f.name, value);
    }
  }
  return { variables, params };
}

function document_(q) {
  const declared = q.fields.map((f) => `$${f.name}: ${f.check !== undefined ? "Boolean!" : (f.type || "ID")}`);
  const passed = q.fields.map((f) => `${f.name}: $${f.name}`);
  return `query(${declared.join(", ")}) { ${q.root}(${passed.join(", ")}) { ${q.selection} } }`;
}

async function run() {
  const q = QUESTIONS[state.question];
  const { variables, params } = variablesFromForm();
  history.replaceState(null, "", `?${params}`);
  const error = document.getElementById("error");
  error.hidden = true;
  document.getElementById("answer").hidden = false;
  document.getElementById("summary").textContent = "asking…";
  try {
    state.request = { query: document_(q), variables };
    const data = await graphql(state.request.query, variables);
    state.answer = data[q.root];
    state.sort = null;
    renderTable();
  } catch (exc) {
    state.answer = [];
    renderTable();
    error.textContent = exc.message;
    error.hidden = false;
  }
}

function shownRows() {
  const q = QUESTIONS[state.question];
  const rows = state.answer.map((r) => ({ raw: r, cells: q.columns.map(([, get]) => get(r)) }));
  if (state.sort) {
    const { index, descending } = state.sort;
    rows.sort((a, b) => {
      const x = a.cells[index]; const y = b.cells[index];
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return descending ? -c : c;
    });
  }
  return rows;
}

function renderTable() {
  const q = QUESTIONS[state.question];
  const table = document.getElementById("results");
  table.tHead.innerHTML = `<tr>${q.detail ? "<th></th>" : ""}${q.columns.map(([name], i) => {
    const sorted = state.sort && state.sort.index === i ? (state.sort.descending ? "descending" : "ascending") : "none";
    return `<th data-i="${i}" aria-sort="${sorted}">${escape(name)}</th>`;
  }).join("")}</tr>`;
  const rows = shownRows();
  table.tBodies[0].innerHTML = rows.map((row, n) => {
    const cells = row.cells.map((v, i) => {
      const kind = q.columns[i][2];
      return kind === "verdict" ? `<td class="verdict v-${escape(String(v).replaceAll(" ", "_"))}">${escape(v)}</td>`
        : `<td>${escape(v)}</td>`;
    }).join("");
    const more = q.detail ? `<td><button type="button" class="more" data-n="${n}" aria-expanded="false">details</button></td>` : "";
    const detail = q.detail ? `<tr class="detail" data-n="${n}" hidden><td colspan="${q.columns.length + 1}">` +
      `${q.detail(row.raw)}</td></tr>` : "";
    return `<tr class="row">${more}${cells}</tr>${detail}`;
  }).join("");
  table.tHead.querySelectorAll("th[data-i]").forEach((th) => th.addEventListener("click", () => {
    const index = Number(th.dataset.i);
    state.sort = { index, descending: state.sort && state.sort.index === index ? !state.sort.descending : false };
    renderTable();
  }));
  table.tBodies[0].querySelectorAll("button.more").forEach((b) => b.addEventListener("click", () => {
    const detail = table.querySelector(`tr.detail[data-n="${b.dataset.n}"]`);
    detail.hidden = !detail.hidden;
    b.setAttribute("aria-expanded", String(!detail.hidden));
  }));
  document.getElementById("summary").textContent =
    `${rows.length} answer${rows.length === 1 ? "" : "s"} — click a column to sort, “details” for reasons and papers`;
}

function csv() {
  const q = QUESTIONS[state.question];
  const quote = (v) => { const s = String(v ?? ""); return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };
  return [q.columns.map(([name]) => name), ...shownRows().map((r) => r.cells)]
    .map((line) => line.map(quote).join(",")).join("\n") + "\n";
}
function json() { return JSON.stringify(shownRows().map((r) => r.raw), null, 2); }

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function selectQuestion(key, params) {
  state.question = QUESTIONS[key] ? key : "inhibitors";
  state.answer = [];
  document.getElementById("answer").hidden = true;
  renderNav();
  renderForm(params);
}

window.calcigraph = { csv, json, rows: () => shownRows().map((r) => r.cells), questions: QUESTIONS,
  request: () => state.request };

document.getElementById("download-csv").addEventListener("click",
  () => download(csv(), "text/csv", `calcigraph-${state.question}.csv`));
document.getElementById("download-json").addEventListener("click",
  () => download(json(), "application/json", `calcigraph-${state.question}.json`));
document.getElementById("copy-link").addEventListener("click", () => navigator.clipboard &&
  navigator.clipboard.writeText(location.href));

const initial = new URLSearchParams(location.search);
selectQuestion(initial.get("q") || "inhibitors", initial);
loadLists().catch((exc) => { document.getElementById("explain").textContent += ` (lists unavailable: ${exc.message})`; });
if (initial.get("q")) run();

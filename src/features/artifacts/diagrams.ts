/**
 * Diagrams made from gathered facts, in Mermaid, each built as a small structure first (nodes and
 * edges, entities and relationships) and then printed: the same structure feeds the writers' prose
 * and the SVG drawn for exports (diagram-svg.ts), so a picture and its source cannot disagree.
 *
 * - flowchart: one connected chart from Start to End; several flows branch from a first decision,
 *   and steps that can fail (sign in, payment, a photo) get a decision with their unhappy path;
 * - ER diagram: entities with keys, foreign keys and typed attributes, relationships with
 *   cardinalities read from "has many", "has one", "belongs to";
 * - sitemap: the product, its main navigation, sub-pages and a settings branch;
 * - C4 system context: people, the system and external systems, every relationship labelled.
 */
import type { FactValue } from "../pipeline/state";

const items = (f: FactValue | undefined) =>
  (f?.items?.length ? f.items : f ? [f.value] : [])
    .map((s) => s.trim())
    .filter((s) => s && !/^none\.?$/i.test(s));

/** Quotes text for a Mermaid label: quotes and brackets become typographic look-alikes. */
export const label = (s: string) =>
  `"${s
    .replace(/"/g, "”")
    .replace(/[\r\n]+/g, " ")
    .replace(/[<>]/g, (c) => (c === "<" ? "‹" : "›"))
    .replace(/#/g, "♯")
    .replace(/;/g, ",")
    .trim()
    .slice(0, 80)}"`;

// ---------------------------------------------------------------- flowchart

export interface FlowNode {
  id: string;
  text: string;
  shape: "terminal" | "step" | "decision";
}
export interface FlowEdge {
  from: string;
  to: string;
  label?: string;
}
export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const splitSteps = (flow: string) =>
  flow
    .split(/\s*(?:→|->|=>|>|\bthen\b)\s*/i)
    .map((s) => s.trim().replace(/[.!]+$/, ""))
    .filter(Boolean);

const upper = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Steps that can go wrong, the question they raise and where the "no" leads. */
const RISKY: readonly { test: RegExp; question: string; no: string; back: boolean }[] = [
  {
    test: /sign.?in|log.?in|sign.?up|register|account/i,
    question: "Has an account?",
    no: "Create an account",
    back: false,
  },
  {
    test: /pay|checkout|subscribe|purchase|buy|order/i,
    question: "Payment accepted?",
    no: "Show the reason and retry",
    back: true,
  },
  { test: /photo|scan|camera|upload/i, question: "Recognised?", no: "Enter it by hand", back: false },
  { test: /search|find|browse/i, question: "Found it?", no: "Suggest alternatives", back: true },
];

/** One connected flowchart of every flow; a flow given as one step is still a path Start → End. */
export function flowGraph(flows: readonly string[]): FlowGraph {
  const nodes: FlowNode[] = [
    { id: "start", text: "Start", shape: "terminal" },
    { id: "done", text: "End", shape: "terminal" },
  ];
  const edges: FlowEdge[] = [];
  const chains = flows.map(splitSteps).filter((s) => s.length);
  let entry = "start";
  if (chains.length > 1) {
    nodes.push({ id: "choose", text: "What does the user want to do?", shape: "decision" });
    edges.push({ from: "start", to: "choose" });
    entry = "choose";
  }
  chains.forEach((steps, f) => {
    let prev = entry;
    let edgeLabel: string | undefined = chains.length > 1 ? steps[0]!.slice(0, 30) : undefined;
    steps.forEach((step, i) => {
      const id = `f${f}s${i}`;
      const risky = RISKY.find((r) => r.test.test(step));
      if (risky && i > 0) {
        // The question comes before the risky step; "no" takes the unhappy path.
        const q = `${id}q`;
        const no = `${id}n`;
        nodes.push(
          { id: q, text: risky.question, shape: "decision" },
          { id: no, text: risky.no, shape: "step" },
        );
        edges.push({ from: prev, to: q, ...(edgeLabel ? { label: edgeLabel } : {}) });
        nodes.push({ id, text: upper(step), shape: "step" });
        edges.push({ from: q, to: id, label: "yes" }, { from: q, to: no, label: "no" });
        edges.push({ from: no, to: risky.back ? prev : id });
      } else {
        nodes.push({ id, text: upper(step), shape: "step" });
        edges.push({ from: prev, to: id, ...(edgeLabel ? { label: edgeLabel } : {}) });
      }
      edgeLabel = undefined;
      prev = id;
    });
    edges.push({ from: prev, to: "done" });
  });
  if (!chains.length) edges.push({ from: "start", to: "done" });
  return { nodes, edges };
}

const SHAPES: Record<FlowNode["shape"], [string, string]> = {
  terminal: ["([", "])"],
  step: ["[", "]"],
  decision: ["{", "}"],
};

export function flowchartSource(g: FlowGraph): string {
  return [
    "flowchart TD",
    ...g.nodes.map((n) => `  ${n.id}${SHAPES[n.shape][0]}${label(n.text)}${SHAPES[n.shape][1]}`),
    ...g.edges.map((e) => `  ${e.from} -->${e.label ? `|${label(e.label)}|` : ""} ${e.to}`),
  ].join("\n");
}

export const flowchart = (flows: FactValue | undefined) => flowchartSource(flowGraph(items(flows)));

// ---------------------------------------------------------------- ER diagram

export interface Entity {
  name: string;
  attributes: { type: string; name: string; key?: "PK" | "FK" }[];
}
export interface Relationship {
  from: string;
  to: string;
  /** Mermaid crow's foot, e.g. ||--o{ (one to zero or more). */
  card: "||--o{" | "||--o|" | "}o--o{";
  verb: string;
}
export interface ErModel {
  entities: Entity[];
  relationships: Relationship[];
}

const ARTICLES = /^(an?|the|many|one|several|multiple|each|some)\s+/i;
const singular = (w: string) =>
  w
    .replace(/ies$/i, "y")
    .replace(/(ss|sh|ch|x)es$/i, "$1")
    .replace(/([^s])s$/i, "$1");

/** "Expiry dates" → "EXPIRY_DATE": Mermaid entity names are identifiers. */
export const entityName = (s: string) =>
  singular(s.trim().replace(ARTICLES, ""))
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toUpperCase() || "THING";

const attrName = (s: string) =>
  s
    .replace(ARTICLES, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "") || "value";

const attrType = (n: string) =>
  /date|time|_at$|deadline|day/.test(n)
    ? "date"
    : /count|number|quantity|amount|price|total|age|size|rating|score/.test(n)
      ? "number"
      : /^is_|^has_|enabled|done/.test(n)
        ? "boolean"
        : "string";

const RELATION =
  /^(?:an?\s+|the\s+|each\s+)?([\w -]+?)\s+(has many|has one|has an?|has|have|contains|includes|owns|belongs to|references)\s+(.+)$/i;

/**
 * "A household has members and items; an item has an expiry date" → HOUSEHOLD ||--o{ MEMBER,
 * HOUSEHOLD ||--o{ ITEM, ITEM { date expiry_date }. A plural or one-word object is an entity; a
 * longer singular one ("an expiry date") is an attribute of the subject.
 */
export function erModel(facts: readonly string[]): ErModel {
  const entities = new Map<string, Entity>();
  const relationships: Relationship[] = [];
  const entity = (name: string) => {
    if (!entities.has(name))
      entities.set(name, { name, attributes: [{ type: "string", name: "id", key: "PK" }] });
    return entities.get(name)!;
  };
  const addAttr = (e: Entity, a: Entity["attributes"][number]) => {
    if (!e.attributes.some((x) => x.name === a.name)) e.attributes.push(a);
  };
  let last: { subject: string; verb: string } | undefined;
  for (const raw of facts) {
    const item = raw.trim();
    const m = RELATION.exec(item);
    // Answers are split into items at commas and "and": a bare noun right after a relation continues it.
    const rel = m
      ? { subject: m[1]!, verb: m[2]!.toLowerCase(), objects: m[3]! }
      : last && item.split(/\s+/).length <= 2
        ? { ...last, objects: item }
        : undefined;
    if (!rel) {
      entity(entityName(item));
      last = undefined;
      continue;
    }
    last = { subject: rel.subject, verb: rel.verb };
    const subject = entity(entityName(rel.subject));
    for (const part of rel.objects
      .split(/,|\band\b/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const words = part.replace(ARTICLES, "").split(/\s+/);
      const plural = /s$/i.test(words[words.length - 1]!) && !/ss$/i.test(words[words.length - 1]!);
      if (!plural && words.length > 1) {
        const n = attrName(part);
        addAttr(subject, { type: attrType(n), name: n });
        continue;
      }
      const object = entity(entityName(part));
      const belongs = rel.verb === "belongs to";
      const [parent, child] = belongs ? [object, subject] : [subject, object];
      const one = !plural && /^(has one|has an?)$/.test(rel.verb);
      const card: Relationship["card"] = one && !belongs ? "||--o|" : "||--o{";
      relationships.push({
        from: parent.name,
        to: child.name,
        card,
        verb: belongs ? "has" : rel.verb.replace(/\s+/g, "_"),
      });
      addAttr(child, { type: "string", name: `${parent.name.toLowerCase()}_id`, key: "FK" });
    }
  }
  // Every entity records when it was made, so lists can be sorted and audited.
  for (const e of entities.values()) addAttr(e, { type: "date", name: "created_at" });
  return { entities: [...entities.values()], relationships };
}

export function erSource(m: ErModel): string {
  return [
    "erDiagram",
    ...m.relationships.map((r) => `  ${r.from} ${r.card} ${r.to} : ${r.verb}`),
    ...m.entities.flatMap((e) => [
      `  ${e.name} {`,
      ...e.attributes.map((a) => `    ${a.type} ${a.name}${a.key ? ` ${a.key}` : ""}`),
      "  }",
    ]),
  ].join("\n");
}

export const erDiagram = (entities: FactValue | undefined) => erSource(erModel(items(entities)));

// ---------------------------------------------------------------- sitemap

export interface SiteNode {
  id: string;
  text: string;
  children: SiteNode[];
  proposed?: boolean;
}

const ACCOUNT = /settings|account|profile|privacy|help|billing|preferences/i;
const COLLECTION = /s$|list|plan|inventory|catalog|shop|library|feed|calendar|archive|orders/i;

/** The product at the root, the navigation's pages under it, detail pages and settings below them. */
export function siteTree(productName: string, pages: readonly string[], navigation?: string): SiteNode {
  let n = 0;
  const node = (text: string, proposed = false): SiteNode => ({
    id: `p${n++}`,
    text,
    children: [],
    ...(proposed ? { proposed } : {}),
  });
  const root = node(productName);
  const nav = navigation?.toLowerCase() ?? "";
  const account = pages.filter((p) => ACCOUNT.test(p));
  const main = pages.filter((p) => !ACCOUNT.test(p));
  // Pages the navigation names come first, in its order ("List" names "Shopping list"); five at
  // most, as a tab bar allows.
  const navIndex = (p: string) => {
    const words = [p.toLowerCase(), p.toLowerCase().split(/\s+/).pop()!];
    const at = words
      .map((w) => nav.search(new RegExp(`\\b${w.replace(/[^a-z0-9 ]/g, "")}\\b`)))
      .filter((i) => i >= 0);
    return at.length ? Math.min(...at) : -1;
  };
  const named = main.filter((p) => navIndex(p) >= 0).sort((a, b) => navIndex(a) - navIndex(b));
  const top = (named.length ? [...named, ...main.filter((p) => !named.includes(p))] : main).slice(0, 5);
  for (const p of top) {
    const child = node(p);
    if (COLLECTION.test(p) && !/^home$/i.test(p))
      child.children.push(node(/\blist$/i.test(p) ? `${p} entry` : `${singular(p)} detail`, true));
    root.children.push(child);
  }
  const rest = main.filter((p) => !top.includes(p));
  if (rest.length) {
    const more = node("More", true);
    more.children.push(...rest.map((p) => node(p)));
    root.children.push(more);
  }
  const settings = node(
    account.find((p) => /settings/i.test(p)) ?? "Settings",
    !account.some((p) => /settings/i.test(p)),
  );
  settings.children.push(...account.filter((p) => p !== settings.text).map((p) => node(p)));
  for (const p of ["Account", "Notifications", "Privacy and data"])
    if (!settings.children.some((c) => c.text.toLowerCase() === p.toLowerCase()))
      settings.children.push(node(p, true));
  root.children.push(settings);
  return root;
}

export function sitemapSource(root: SiteNode): string {
  const lines = ["flowchart TD", `  ${root.id}[${label(root.text)}]`];
  const walk = (parent: SiteNode) => {
    for (const c of parent.children) {
      lines.push(`  ${parent.id} --> ${c.id}[${label(c.text)}]`);
      walk(c);
    }
  };
  walk(root);
  return lines.join("\n");
}

export const sitemapGraph = (productName: string, pages: FactValue | undefined, navigation?: FactValue) =>
  sitemapSource(siteTree(productName, items(pages), navigation?.value));

// ---------------------------------------------------------------- C4 context

/** What the system does with an external system, from its name. */
export function integrationVerb(name: string): string {
  const l = name.toLowerCase();
  if (/stripe|pay|paypal|checkout|billing/.test(l)) return "Takes payments through";
  if (/push|notif|sms|twilio/.test(l)) return "Sends notifications through";
  if (/mail|newsletter|mailchimp|sendgrid/.test(l)) return "Sends email through";
  if (/auth|login|google|apple|oauth/.test(l)) return "Signs users in with";
  if (/map|location|geo/.test(l)) return "Looks up places in";
  if (/analytic/.test(l)) return "Reports usage to";
  if (/ship|deliver|courier|post/.test(l)) return "Books deliveries with";
  return "Reads and writes data in";
}

export function c4Context(
  f: {
    productName?: FactValue;
    audience?: FactValue;
    platforms?: FactValue;
    integrations?: FactValue;
    keyFeatures?: FactValue;
  },
  operator = "The team",
): string {
  const name = f.productName?.value ?? "The system";
  const externals = items(f.integrations);
  return [
    "C4Context",
    `  title System context of ${name.replace(/["\n]/g, "")}`,
    `  Person(user, ${label(f.audience?.value.split(/[,.;]/)[0] ?? "User")}, ${label(f.audience?.value ?? "The people it is for")})`,
    `  Person(operator, ${label(operator)}, ${label("Runs the product and answers users")})`,
    `  System(system, ${label(name)}, ${label(items(f.keyFeatures).slice(0, 3).join(", ") || "The product")})`,
    ...externals.map((e, i) => `  System_Ext(ext${i + 1}, ${label(e)}, ${label("External system")})`),
    `  Rel(user, system, ${label("Uses")}, ${label(items(f.platforms).join(", ") || "its apps")})`,
    `  Rel(operator, system, ${label("Manages content and accounts")}, ${label("Admin screens")})`,
    ...externals.map(
      (e, i) => `  Rel(system, ext${i + 1}, ${label(integrationVerb(e))}, ${label("HTTPS API")})`,
    ),
  ].join("\n");
}

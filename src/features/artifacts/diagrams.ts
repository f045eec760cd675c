/**
 * Diagrams made from gathered facts, in Mermaid: an ER diagram from data entities, a C4 system
 * context, flowcharts from user flows and a sitemap graph. The offline writer uses them; when a fact
 * is missing the writer shows an open question instead of inventing a diagram.
 */
import type { FactValue } from "../pipeline/state";

const items = (f: FactValue | undefined) => f?.items ?? (f ? [f.value] : []);

/** "Expiry date" → "EXPIRY_DATE": Mermaid entity names are identifiers. */
const entityName = (s: string) =>
  s
    .trim()
    .replace(/^(an?|the|many|one|several|multiple)\s+/i, "")
    .replace(/s$/i, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toUpperCase() || "THING";

/** Quotes text for a Mermaid label: its own quotes become typographic ones so they cannot end it. */
const label = (s: string) =>
  `"${s
    .replace(/"/g, "”")
    .replace(/[\r\n]+/g, " ")
    .slice(0, 80)}"`;

const RELATION =
  /^(?:an?\s+|the\s+|each\s+)?([\w -]+?)\s+(has many|has one|has|have|contains|includes|owns|belongs to|references)\s+(.+)$/i;

/**
 * "A household has members and items; an item has an expiry date" → HOUSEHOLD ||--o{ MEMBER,
 * HOUSEHOLD ||--o{ ITEM, and ITEM { string expiry_date }. Objects of one word are entities; longer
 * ones are attributes of the subject.
 */
export function erDiagram(entities: FactValue | undefined): string {
  const lines = ["erDiagram"];
  const attributes = new Map<string, string[]>();
  const known = new Set<string>();
  let last: { subject: string; verb: string } | undefined;
  for (const item of items(entities)) {
    const m = RELATION.exec(item.trim());
    // Answers are split into items at commas and "and", so "has members and items" arrives as two
    // items; a bare noun right after a relation continues it.
    const relation = m
      ? { subject: m[1]!, verb: m[2]!, objects: m[3]! }
      : last && item.trim().split(/\s+/).length <= 2
        ? { ...last, objects: item }
        : undefined;
    if (!relation) {
      known.add(entityName(item));
      last = undefined;
      continue;
    }
    last = { subject: relation.subject, verb: relation.verb };
    const subject = entityName(relation.subject);
    known.add(subject);
    const belongs = /belongs to/i.test(relation.verb);
    for (const part of relation.objects
      .split(/,|\band\b/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const words = part.replace(/^(an?|the|many|one|several|multiple)\s+/i, "").split(/\s+/);
      if (words.length > 1 && !/s$/i.test(words[words.length - 1]!)) {
        attributes.set(subject, [
          ...(attributes.get(subject) ?? []),
          words
            .join("_")
            .toLowerCase()
            .replace(/[^a-z0-9_]/g, ""),
        ]);
        continue;
      }
      const object = entityName(part);
      known.add(object);
      lines.push(
        belongs
          ? `  ${object} ||--o{ ${subject} : has`
          : `  ${subject} ||--o{ ${object} : ${relation.verb.toLowerCase().replace(/\s+/g, "_")}`,
      );
    }
  }
  for (const name of known) {
    const attrs = attributes.get(name) ?? [];
    lines.push(`  ${name} {`, "    string id PK", ...attrs.map((a) => `    string ${a}`), "  }");
  }
  return lines.join("\n");
}

export function c4Context(f: {
  productName?: FactValue;
  audience?: FactValue;
  platforms?: FactValue;
  integrations?: FactValue;
  keyFeatures?: FactValue;
}): string {
  const name = f.productName?.value ?? "The system";
  const externals = items(f.integrations).filter((i) => !/^none$/i.test(i));
  return [
    "C4Context",
    `  title System context of ${name.replace(/"/g, "”")}`,
    `  Person(user, ${label("User")}, ${label(f.audience?.value ?? "Its users")})`,
    `  System(system, ${label(name)}, ${label(items(f.keyFeatures).slice(0, 3).join(", ") || "The product")})`,
    ...externals.map((e, i) => `  System_Ext(ext${i + 1}, ${label(e)}, ${label("External system")})`),
    `  Rel(user, system, "Uses", ${label(items(f.platforms).join(", ") || "its apps")})`,
    ...externals.map((_, i) => `  Rel(system, ext${i + 1}, "Uses")`),
  ].join("\n");
}

/** Each flow ("Sign up → add items → get reminders") becomes a chain of steps. */
export function flowchart(flows: FactValue | undefined): string {
  const lines = ["flowchart TD"];
  items(flows).forEach((flow, f) => {
    const steps = flow
      .split(/\s*(?:→|->|=>|>|\bthen\b)\s*/i)
      .map((s) => s.trim())
      .filter(Boolean);
    if (steps.length === 1) {
      lines.push(`  F${f}S0[${label(steps[0]!)}]`);
      return;
    }
    lines.push(`  subgraph flow${f}[${label(`Flow ${f + 1}`)}]`);
    for (const [i, step] of steps.entries()) lines.push(`    F${f}S${i}[${label(step)}]`);
    for (let i = 0; i + 1 < steps.length; i++) lines.push(`    F${f}S${i} --> F${f}S${i + 1}`);
    lines.push("  end");
  });
  return lines.join("\n");
}

export function sitemapGraph(productName: string, pages: FactValue | undefined): string {
  const list = items(pages);
  return [
    "graph TD",
    `  root[${label(productName)}]`,
    ...list.map((p, i) => `  root --> p${i}[${label(p)}]`),
  ].join("\n");
}

/**
 * The offline artifact writer: fills an artifact type's outline from the facts the guide gathered.
 *
 * Every section lists the facts that feed it (pipeline/catalogue.ts). A known fact is written as
 * the user gave it (lists as bullets); a missing one becomes an explicit open question with the
 * guide's own question, so a reader sees what is still undecided: never filler text. Diagram types
 * get a diagram built from the same facts; the wireframe gets a layout that renders to SVG.
 */
import { ARTIFACTS, FACTS, type ArtifactType, type FactId } from "../pipeline/catalogue";
import type { FactValue } from "../pipeline/state";
import { c4Context, erDiagram, flowchart, sitemapGraph } from "./diagrams";
import type { Reference } from "../research/references";
import type { WireframeLayout } from "./wireframe";

export type Facts = Partial<Record<FactId, FactValue>>;

export type { Reference };

export interface WriteInput {
  type: ArtifactType;
  facts: Facts;
  /** What the user asked for in this generation ("shorter", "focus on mobile"). */
  instructions?: string;
  references?: Reference[];
}

export interface Written {
  title: string;
  body: string;
  /** Needed facts that were missing, written as open questions. */
  openQuestions: FactId[];
}

const openQuestion = (id: FactId) => `> **Open question: ${FACTS[id].label}.** ${FACTS[id].question}`;

function factText(id: FactId, value: FactValue, withLabel: boolean): string {
  const body =
    value.items && value.items.length > 1 ? value.items.map((i) => `- ${i}`).join("\n") : value.value;
  return withLabel ? `**${FACTS[id].label}:** ${body.includes("\n") ? `\n\n${body}` : body}` : body;
}

function diagramFor(type: ArtifactType, facts: Facts): string | undefined {
  const name = facts.productName?.value ?? "The product";
  switch (type) {
    case "erd":
      return facts.dataEntities && erDiagram(facts.dataEntities);
    case "c4-context":
      return facts.audience || facts.integrations ? c4Context(facts) : undefined;
    case "flowchart":
      return facts.userFlows && flowchart(facts.userFlows);
    case "sitemap":
      return facts.pages && sitemapGraph(name, facts.pages);
    default:
      return undefined;
  }
}

export function wireframeLayout(facts: Facts): WireframeLayout {
  const mobile = /ios|android|mobile|phone/i.test(facts.platforms?.value ?? "");
  const pages = facts.pages?.items ?? [];
  const regions: WireframeLayout["regions"] = [
    { kind: "header", label: facts.productName?.value ?? "Header", items: [] },
    {
      kind: "main",
      label: facts.keyScreen?.value ?? "Key screen (open question)",
      items: (facts.uiComponents?.items ?? []).slice(0, 8),
    },
  ];
  if (pages.length)
    regions.push({
      kind: mobile ? "tabbar" : "nav",
      label: facts.navigation?.value ?? "Navigation",
      items: pages.slice(0, 5),
    });
  if (!mobile && pages.length)
    regions.splice(1, 0, { kind: "sidebar", label: "Pages", items: pages.slice(0, 8) });
  return {
    screen: facts.keyScreen?.value.slice(0, 120) ?? "Key screen",
    viewport: mobile ? "mobile" : "desktop",
    regions: regions.map((r) => ({
      ...r,
      label: r.label.slice(0, 120),
      items: r.items.map((i) => i.slice(0, 120)),
    })),
  };
}

export function writeArtifact({ type, facts, instructions, references = [] }: WriteInput): Written {
  const spec = ARTIFACTS[type];
  const product = facts.productName?.value;
  const title = product ? `${spec.title}: ${product}` : spec.title;
  const open = new Set<FactId>();
  const out: string[] = [];
  out.push(
    `_${spec.title} for ${product ?? "an unnamed product"}, written from the facts gathered in the guided chat._`,
  );
  if (instructions) out.push(`_Requested: ${instructions.replace(/[_*]/g, "")}_`);

  const diagram = diagramFor(type, facts);
  if (spec.format === "mermaid" || type === "sitemap") {
    if (diagram) out.push(`## Diagram\n\n\`\`\`mermaid\n${diagram}\n\`\`\``);
  }
  if (spec.format === "layout") {
    out.push(`## Layout\n\n\`\`\`wireframe\n${JSON.stringify(wireframeLayout(facts), null, 2)}\n\`\`\``);
  }

  for (const section of spec.outline) {
    const lines: string[] = [];
    const many = section.facts.length > 1;
    for (const id of section.facts) {
      const value = facts[id];
      if (value) lines.push(factText(id, value, many));
      else if (spec.needs.includes(id) || section.facts.every((f) => !facts[f])) {
        if (!open.has(id)) lines.push(openQuestion(id));
        open.add(id);
      }
    }
    const fallback = `_Depends on the open questions about ${section.facts.map((id) => FACTS[id].label.toLowerCase()).join(" and ")}._`;
    out.push(`## ${section.title}\n\n${[...new Set(lines)].join("\n\n") || fallback}`);
  }

  if (open.size) {
    out.push(
      `## Open questions\n\n${[...open].map((id, i) => `${i + 1}. ${FACTS[id].question}`).join("\n")}\n\nAnswer them in the chat and regenerate to fill these sections.`,
    );
  }
  if (references.length) {
    const findings = references.map((r, i) => `- ${(r.note ?? r.title).replace(/[[\]]/g, "")} [${i + 1}]`);
    out.push(`## Research findings\n\n${findings.join("\n")}`);
    out.push(
      `## References\n\n${references.map((r, i) => `${i + 1}. [${r.title.replace(/[[\]]/g, "")}](${r.url})`).join("\n")}`,
    );
  }
  return { title, body: `${out.join("\n\n")}\n`, openQuestions: [...open] };
}

/**
 * Structural checks of an artifact body: what a practitioner looks for first in each type (the PRD
 * has stories with acceptance criteria, the flowchart flows from a start to an end, the palette
 * has contrast figures that are right). Pure and synchronous: the tests assert them on the offline
 * writer's output and the bench (bench/artifacts.mjs) counts them per type; the checks a model's
 * output must pass before it is saved are in validate.ts.
 */
import { ARTIFACTS, type ArtifactType } from "../pipeline/catalogue";
import { WireframeLayout } from "./wireframe";
import { contrast } from "./writers/palette";

export interface Check {
  name: string;
  pass: boolean;
}

/** The `## ` sections of a body, by title. */
export function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = body.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf("\n");
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1).trim());
  }
  return out;
}

export const fences = (body: string, lang: string) =>
  [...body.matchAll(new RegExp(`^\`\`\`${lang}[ \\t]*\\n([\\s\\S]*?)^\`\`\`[ \\t]*$`, "gm"))].map(
    (m) => m[1]!,
  );

const tableRows = (s: string) =>
  s
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|[\s|:-]+\|$/.test(l))
    .slice(1);

/** Blocks (paragraphs, lists, tables) that appear more than once. */
function repeatedBlocks(body: string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const b of body.split(/\n{2,}/).map((x) => x.trim())) {
    if (!b || b.startsWith("#") || b.length < 40) continue;
    if (seen.has(b)) twice.push(b);
    seen.add(b);
  }
  return twice;
}

/** List entries or table cells that are pieces of a list split in the wrong place ("000 users"). */
function fragments(body: string): string[] {
  const pieces = [
    ...[...body.matchAll(/^\s*[-*] (.+)$/gm)].map((m) => m[1]!),
    ...body
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .flatMap((l) => l.split("|").map((c) => c.trim())),
  ];
  return pieces.filter((p) => /^\d{1,3}$/.test(p) || /^0{3}\b/.test(p) || /^(and|or|but)\b/i.test(p));
}

/** Every node of a Mermaid flowchart is reached from its first node and every edge ends somewhere. */
export function flowchartConnected(src: string): { nodes: number; edges: number; connected: boolean } {
  const ids = new Set<string>();
  const edges: [string, string][] = [];
  for (const line of src.split("\n").slice(1)) {
    const e = /^\s*(\w+)(?:[[({][^\n]*?[\])}])?\s*-->(?:\|[^|]*\|)?\s*(\w+)/.exec(line);
    if (e) {
      edges.push([e[1]!, e[2]!]);
      ids.add(e[1]!).add(e[2]!);
      continue;
    }
    const n = /^\s*(\w+)\s*[[({]/.exec(line);
    if (n) ids.add(n[1]!);
  }
  const first = [...ids][0];
  const seen = new Set(first ? [first] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of edges)
      if (seen.has(a) && !seen.has(b)) {
        seen.add(b);
        grew = true;
      }
  }
  return { nodes: ids.size, edges: edges.length, connected: ids.size > 1 && seen.size === ids.size };
}

const c = (name: string, pass: boolean): Check => ({ name, pass });

/** The checks one type's body must pass; the general ones (sections, repetition) come first. */
export function structuralChecks(type: ArtifactType, body: string): Check[] {
  const secs = sections(body);
  const titles = [...secs.keys()];
  const outline = ARTIFACTS[type].outline.map((s) => s.title);
  const checks: Check[] = [
    c(
      "outline sections in order",
      outline.every(
        (t, i) => titles.indexOf(t) >= 0 && (i === 0 || titles.indexOf(t) > titles.indexOf(outline[i - 1]!)),
      ),
    ),
    c("no repeated paragraph", repeatedBlocks(body).length === 0),
    c("no list fragments", fragments(body).length === 0),
    c("proposals marked", /\*\(proposal\)\*/.test(body)),
  ];
  const sec = (t: string) => secs.get(t) ?? "";
  const mermaid = fences(body, "mermaid")[0] ?? "";
  switch (type) {
    case "personas": {
      const people = sec("Personas").split(/^### /m).slice(1);
      checks.push(
        c("2–3 personas", people.length >= 2 && people.length <= 3),
        c(
          "each has name and age",
          people.every((p) => /^[A-Z][a-z]+, \d{2}\b/.test(p)),
        ),
        c(
          "each has goals, frustrations, behaviours, quote, scenario",
          people.every((p) =>
            ["Goals", "Frustrations", "Behaviours", "Quote", "Scenario", "Situation"].every((f) =>
              p.includes(`**${f}`),
            ),
          ),
        ),
        c("labelled as assumptions", /proto-personas/i.test(body)),
      );
      break;
    }
    case "user-journey": {
      const rows = tableRows(sec("Journey map"));
      checks.push(
        c(
          "journey table has the columns",
          /\| Stage \| Actions \| Touchpoints \| Feelings \| Pain points \| Opportunities \|/.test(body),
        ),
        c("at least 4 stages", rows.length >= 4),
      );
      break;
    }
    case "prd":
      checks.push(
        c(
          "user stories As a / I want / so that",
          /As an? [^,]+, I want [^,]+, so that /.test(sec("User stories")),
        ),
        c(
          "acceptance criteria per story",
          (sec("User stories").match(/\*\*US-\d+\*\*/g) ?? []).length ===
            (sec("User stories").match(/Acceptance criteria/g) ?? []).length &&
            /Given .+ when .+ then /i.test(body),
        ),
        c("requirement ids with MoSCoW", /\| R-1 \|/.test(body) && /\| Must \|/.test(body)),
        c("non-goals", /\*\*Non-goals\*\*\n\n- /.test(body)),
        c("metrics with targets", tableRows(sec("Success metrics")).length > 0),
        c("risks from constraints", tableRows(sec("Risks and constraints")).length > 0),
        c("open questions", /^1\. /m.test(sec("Open questions"))),
      );
      break;
    case "frd":
      checks.push(
        c("numbered functional requirements", /\*\*FR-1\.1\*\*/.test(body) && /\*\*FL-1\.1\*\*/.test(body)),
        c("numbered NFRs", /\*\*NFR-1\*\*/.test(body)),
      );
      break;
    case "drd":
      checks.push(
        c(
          "measurable targets",
          /4\.5:1/.test(body) && /48 × 48|44 × 44|24 × 24/.test(body) && /\| DR-1 \|/.test(body),
        ),
        c("states listed", /loading/.test(body) && /error/.test(body)),
      );
      break;
    case "flowchart": {
      const g = flowchartConnected(mermaid);
      checks.push(
        c("flowchart has start and end", /\bstart\(\[/.test(mermaid) && /\bdone\(\[/.test(mermaid)),
        c("has a decision", /\{"[^"]+"\}/.test(mermaid) && /-->\|"(yes|no)"\|/.test(mermaid)),
        c("connected", g.connected && g.edges >= g.nodes - 1),
      );
      break;
    }
    case "erd":
      checks.push(
        c("relationships with cardinality", /\|\|--o[{|]/.test(mermaid)),
        c("attributes beyond id", /\b(string|date|number|boolean) (?!id\b)\w+/.test(mermaid)),
        c("foreign keys", / FK\b/.test(mermaid)),
      );
      break;
    case "sitemap":
      checks.push(
        c("hierarchy of at least two levels", /^ {4}- /m.test(sec("Page hierarchy"))),
        c("settings branch", /Settings/.test(sec("Page hierarchy"))),
      );
      break;
    case "c4-context":
      checks.push(
        c(
          "people, system, externals",
          /Person\(/.test(mermaid) && /System\(/.test(mermaid) && /System_Ext\(/.test(mermaid),
        ),
        c("labelled relationships", (mermaid.match(/Rel\(\w+, \w+, "[^"]+"/g) ?? []).length >= 2),
      );
      break;
    case "wireframe": {
      const json = fences(body, "wireframe")[0];
      let layout: WireframeLayout | undefined;
      try {
        const parsed = WireframeLayout.safeParse(JSON.parse(json ?? ""));
        layout = parsed.success ? parsed.data : undefined;
      } catch {
        layout = undefined;
      }
      const main = layout?.regions.find((r) => r.kind === "main");
      checks.push(
        c("valid wireframe layout", !!layout),
        c(
          "key screen content and actions",
          !!main && main.items.length > 0 && (main.actions?.length ?? 0) > 0,
        ),
        c(
          "navigation drawn",
          !!layout?.regions.some(
            (r) => (r.kind === "tabbar" || r.kind === "nav" || r.kind === "sidebar") && r.items.length > 1,
          ),
        ),
      );
      break;
    }
    case "atomic-design-system": {
      const [a, m, o] = [sec("Atoms"), sec("Molecules"), sec("Organisms")];
      checks.push(
        c(
          "tokens with colours and type scale",
          /#[0-9A-F]{6}/.test(sec("Tokens")) && /font\.body/.test(sec("Tokens")),
        ),
        c(
          "atoms, molecules and organisms differ",
          !!a && !!m && !!o && a !== m && m !== o && tableRows(m).length > 0,
        ),
      );
      break;
    }
    case "competitive-analysis":
      checks.push(
        c("comparison table of 3+ alternatives", tableRows(sec("Comparison")).length >= 4),
        c("positioning statement", /For .+, \*\*.+\*\* /.test(sec("Positioning"))),
      );
      break;
    case "gtm-strategy":
      checks.push(
        c(
          "segments, message, channels",
          tableRows(sec("Segments")).length > 0 && !!sec("Message") && tableRows(sec("Channels")).length > 0,
        ),
        c("phased plan with weeks", /Weeks \d+–\d+/.test(sec("Launch plan"))),
        c("budget", /\d%/.test(sec("Budget")) && /[€$£]\d/.test(sec("Budget"))),
        c("metrics", tableRows(sec("Metrics")).length > 0),
      );
      break;
    case "lean-canvas":
      checks.push(
        c(
          "nine boxes as a grid",
          [
            "Problem",
            "Solution",
            "Unique value proposition",
            "Unfair advantage",
            "Customer segments",
            "Key metrics",
            "Channels",
            "Cost structure",
            "Revenue streams",
          ].every((box) => new RegExp(`^\\|.*\\b${box}\\b.*\\|$`, "m").test(sec("Canvas"))),
        ),
      );
      break;
    case "brand-identity": {
      const rows = tableRows(sec("Colour palette"));
      const right = rows.every((r) => {
        const cells = r.split("|").map((x) => x.trim());
        const hex = cells.find((x) => /^#[0-9A-F]{6}$/i.test(x));
        const onWhite = cells.find((x) => /^\d+\.\d\d:1$/.test(x));
        return !!hex && !!onWhite && Math.abs(Number.parseFloat(onWhite) - contrast(hex, "#FFFFFF")) < 0.011;
      });
      checks.push(
        c("palette with hex codes", rows.length >= 4),
        c("contrast ratios computed correctly", rows.length > 0 && right),
        c("type scale", /\| body \| 16 /.test(sec("Typography"))),
        c(
          "logo direction and imagery rules",
          /^- /m.test(sec("Logo direction")) && tableRows(sec("Imagery")).length > 0,
        ),
      );
      break;
    }
    case "voice-and-tone":
      checks.push(
        c(
          "this, not that",
          /\| We are \| We are not \|/.test(body) && tableRows(sec("Voice traits")).length > 0,
        ),
        c(
          "do and don't with examples",
          tableRows(sec("Do and don't")).length >= 3 && /“/.test(sec("Do and don't")),
        ),
        c("tone by situation", /\| Error \|/.test(sec("Tone by situation"))),
      );
      break;
    case "core-values":
      checks.push(
        c(
          "values explained in practice",
          tableRows(sec("Values in practice")).length > 0 && /We don't/.test(sec("Values in practice")),
        ),
      );
      break;
    case "brand-book":
      checks.push(
        c(
          "assembled from the brand artifacts",
          /#[0-9A-F]{6}/.test(sec("Visual identity")) &&
            /We are not/.test(sec("Voice and tone")) &&
            /We don't/.test(sec("Core values")),
        ),
      );
      break;
    case "campaign-plan":
      checks.push(
        c("timeline by week", tableRows(sec("Timeline")).length >= 4 && /Week/.test(sec("Timeline"))),
        c("budget", /[€$£]\d/.test(sec("Budget"))),
      );
      break;
    case "content-calendar":
      checks.push(
        c("four weeks of content", tableRows(sec("Calendar")).length >= 4),
        c("pillars", tableRows(sec("Content pillars")).length > 0),
      );
      break;
  }
  return checks;
}

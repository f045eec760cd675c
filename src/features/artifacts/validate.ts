/**
 * The checks a model's version of an artifact must pass before it is saved: the outline's
 * sections are all there, every Mermaid block parses with Mermaid's own parser, every wireframe
 * block is a valid layout, and every reference the job gave is still cited. Each failure is a
 * sentence the model can act on when it is asked to repair its answer.
 */
import { parseMermaid } from "../../lib/mermaid-parse";
import type { ArtifactType } from "../pipeline/catalogue";
import { fences, sections } from "./checks";
import { WireframeLayout } from "./wireframe";
import { requiredSections, type Reference } from "./writer";

export async function validateArtifact(
  type: ArtifactType,
  body: string,
  opts: { references?: Reference[]; draft?: string } = {},
): Promise<string[]> {
  const problems: string[] = [];
  if (!body.trim()) return ["The answer was empty."];
  const have = new Set(sections(body).keys());
  const missing = requiredSections(type).filter((t) => !have.has(t));
  if (missing.length)
    problems.push(
      `These required sections are missing (each must be a "## " heading): ${missing.join(", ")}.`,
    );
  const diagrams = fences(body, "mermaid");
  if (opts.draft && fences(opts.draft, "mermaid").length > 0 && diagrams.length === 0)
    problems.push("The Mermaid diagram is missing: keep a ```mermaid block.");
  for (const [i, src] of diagrams.entries()) {
    const parsed = await parseMermaid(src);
    if (!parsed.ok) problems.push(`Mermaid block ${i + 1} does not parse: ${parsed.error}`);
  }
  const layouts = fences(body, "wireframe");
  if (opts.draft && fences(opts.draft, "wireframe").length > 0 && layouts.length === 0)
    problems.push("The wireframe layout is missing: keep the ```wireframe JSON block.");
  for (const [i, json] of layouts.entries()) {
    let error: string | undefined;
    try {
      const parsed = WireframeLayout.safeParse(JSON.parse(json));
      if (!parsed.success)
        error = parsed.error.issues
          .slice(0, 3)
          .map((x) => `${x.path.join(".") || "layout"}: ${x.message}`)
          .join("; ");
    } catch (e) {
      error = `not JSON (${(e as Error).message})`;
    }
    if (error) problems.push(`Wireframe block ${i + 1} is not a valid layout: ${error}.`);
  }
  const refs = opts.references ?? [];
  const uncited = refs.filter((r, i) => !body.includes(r.url) || !body.includes(`[${i + 1}]`));
  if (uncited.length)
    problems.push(
      `These references must stay cited as [n] and listed under References with their links: ${uncited
        .map((r) => `[${refs.indexOf(r) + 1}] ${r.url}`)
        .join(", ")}.`,
    );
  return problems;
}

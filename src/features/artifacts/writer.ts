/**
 * The offline artifact writer: derives each artifact type from the facts the guide gathered and what
 * UX practice brings (writers/knowledge.ts), the way a practitioner drafts it. Each type has its own
 * writer (writers/*.ts) producing the sections of the catalogue's outline, in order; this module
 * adds the opening lines, the open questions for needed facts still missing, the research the
 * artifact cites, and applies regenerate-with-feedback.
 *
 * What goes beyond the user's words is marked as a proposal to validate (writers/doc.ts).
 */
import { ARTIFACTS, FACTS, type ArtifactType, type FactId } from "../pipeline/catalogue";
import type { ProjectKind } from "../../lib/knowledge/types";
import { KB_URL_PREFIX } from "../research/kb/types";
import type { Reference } from "../research/references";
import { brandBook, brandIdentity, coreValues, voiceAndTone } from "./writers/brand";
import { citeWhereSupported } from "./writers/citations";
import { context, type TypeWriter } from "./writers/context";
import { PROPOSAL_LEGEND, assemble, type DocSection, type Facts } from "./writers/doc";
import { applyFeedback, parseFeedback } from "./writers/feedback";
import { campaignPlan, competitive, contentCalendar, gtm, leanCanvas } from "./writers/market";
import { personas, userJourney } from "./writers/people";
import { drd, frd, prd } from "./writers/requirements";
import { c4, designSystem, erd, flowchartWriter, sitemap, wireframe } from "./writers/structure";

export type { Facts } from "./writers/doc";
export { wireframeLayout } from "./writers/structure";

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
  /** What the writer did with the instructions, or that they need a model. */
  feedback?: string;
  /** How the version was written (by which model, repaired, or the offline draft and why). */
  note?: string;
  /** The sources the body cites, [1] first: those of the input that support a line of it. */
  references?: Reference[];
}

export const WRITERS: Readonly<Record<ArtifactType, TypeWriter>> = {
  personas,
  "user-journey": userJourney,
  "competitive-analysis": competitive,
  prd,
  frd,
  drd,
  erd,
  "c4-context": c4,
  flowchart: flowchartWriter,
  sitemap,
  wireframe,
  "atomic-design-system": designSystem,
  "gtm-strategy": gtm,
  "lean-canvas": leanCanvas,
  "voice-and-tone": voiceAndTone,
  "core-values": coreValues,
  "brand-identity": brandIdentity,
  "brand-book": brandBook,
  "campaign-plan": campaignPlan,
  "content-calendar": contentCalendar,
};

/** The sections every version of a type must have: its outline's titles, in order. */
export const requiredSections = (type: ArtifactType) => ARTIFACTS[type].outline.map((s) => s.title);

const clean = (s: string) => s.replace(/[[\]_*`]/g, "");

export function writeArtifact({ type, facts, instructions, references = [] }: WriteInput): Written {
  const spec = ARTIFACTS[type];
  const ctx = context(facts);
  const named = facts.productName?.value.trim();
  const title = named ? `${spec.title}: ${named}` : spec.title;
  let sections: DocSection[] = WRITERS[type](ctx);

  const open = spec.needs.filter((id) => !facts[id]);
  if (open.length) {
    const list = open.map((id, i) => `${i + 1}. **${FACTS[id].label}:** ${FACTS[id].question}`).join("\n");
    const tail = `${list}\n\nAnswer them in the chat and regenerate to fill these in.`;
    const own = sections.find((s) => s.title === "Open questions");
    if (own) own.body = `${own.body}\n\n${tail}`;
    else sections.push({ title: "Open questions", body: tail });
  }
  const intro = [
    `_${spec.title} for ${named ?? "an unnamed product"}, drafted from your brief (read as a ${ctx.k.label})._`,
    `_${PROPOSAL_LEGEND}_`,
  ];
  let feedback: string | undefined;
  if (instructions?.trim()) {
    const fb = parseFeedback(instructions);
    const applied = applyFeedback(sections, fb, new Set(requiredSections(type)));
    sections = applied.sections;
    const parts = [...applied.done];
    if (fb.unsupported.length)
      parts.push(
        `“${clean(fb.unsupported.join("; "))}” needs a language model; offline I can make it shorter, remove something or focus on a topic`,
      );
    feedback = `${parts.join("; ")}.`;
    feedback = feedback[0]!.toUpperCase() + feedback.slice(1);
    intro.push(`_Requested: ${clean(instructions.trim())} — ${clean(feedback)}_`);
  }
  // Cited last, so only lines that survived the feedback carry a citation.
  const cited = cite(sections, references, ctx.kind);
  return {
    title,
    body: assemble(intro, cited.sections),
    openQuestions: open,
    ...(cited.cited.length ? { references: cited.cited } : {}),
    ...(feedback ? { feedback } : {}),
  };
}

/**
 * Each source as [n] after the line it supports (writers/citations.ts), then what outside sources
 * found (the knowledge base's method notes are guidance, not findings about this project), then
 * the references.
 */
function cite(sections: DocSection[], references: Reference[], kind: ProjectKind) {
  if (!references.length) return { sections, cited: [] };
  const { sections: body, cited } = citeWhereSupported(sections, references, kind);
  const findings = cited.flatMap((r, i) =>
    r.note && !r.url.startsWith(KB_URL_PREFIX) ? [`- ${clean(r.note)} [${i + 1}]`] : [],
  );
  if (findings.length) body.push({ title: "Research findings", body: findings.join("\n") });
  if (cited.length)
    body.push({
      title: "References",
      body: cited.map((r, i) => `${i + 1}. [${clean(r.title)}](${r.url})`).join("\n"),
    });
  return { sections: body, cited };
}

/**
 * What a language model may propose for a turn, and the checks every proposal passes before it
 * touches the state. The model answers by calling the `record_turn` tool (TURN_TOOL); its arguments
 * are parsed here, every part is validated (known fact ids, lengths, known artifact types, allowed
 * stage moves), and what survives becomes the same pieces offline understanding produces, so the
 * dialogue manager (guide.ts) applies both the same way. A reply that only claims to have done
 * something changes nothing: only the structured fields do.
 */
import { isProjectKind, PROJECT_KINDS, type ProjectKind } from "../../lib/knowledge";
import { ARTIFACT_TYPES, type ArtifactType, FACT_IDS, FACTS, type FactId, isArtifactType } from "./catalogue";
import type { Intent } from "./intents";
import { MAX_QUERY_CHARS } from "./research";
import { MAX_FACT_CHARS } from "./state";
import type { Piece } from "./understand";

export const TURN_TOOL_NAME = "record_turn";
const MAX_FACTS = 12;
export const MAX_REPLY_CHARS = 4000;
const MOVES = ["none", "skip-question", "skip-stage", "back", "stage"] as const;

/** The tool the model calls once per turn; its schema is what the validation below enforces. */
export const TURN_TOOL = {
  name: TURN_TOOL_NAME,
  description:
    "Record what the user's last message established and reply to them. Call it exactly once per turn.",
  parameters: {
    type: "object",
    properties: {
      facts: {
        type: "array",
        description:
          "Facts the user stated in their last message, each under the fact it is about (any stage). Never a question or a command the user asked.",
        maxItems: MAX_FACTS,
        items: {
          type: "object",
          properties: {
            id: { type: "string", enum: [...FACT_IDS] },
            value: {
              type: "string",
              description: "The user's own words, lead-ins removed",
              maxLength: MAX_FACT_CHARS,
            },
            replace: { type: "boolean", description: "True when the user corrects what the fact held" },
          },
          required: ["id", "value"],
        },
      },
      retract: {
        type: "array",
        description: "What the user took back: a whole fact, or one item of it (value).",
        items: {
          type: "object",
          properties: { id: { type: "string", enum: [...FACT_IDS] }, value: { type: "string" } },
          required: ["id"],
        },
      },
      move: { type: "string", enum: [...MOVES], description: "A move the user asked for" },
      stage: { type: "integer", minimum: 1, maximum: 5, description: "With move = stage" },
      generate: { type: "string", enum: [...ARTIFACT_TYPES], description: "An artifact the user asked for" },
      research: {
        type: "string",
        maxLength: MAX_QUERY_CHARS,
        description: "A topic the user asked to research",
      },
      kind: {
        type: "string",
        enum: [...PROJECT_KINDS],
        description: "The project's kind, if the user said or changed it",
      },
      reply: {
        type: "string",
        description:
          "Your reply: acknowledge briefly, answer any question with substance and the project in view, then ask the next open question.",
      },
    },
    required: ["reply"],
  },
} as const;

export interface Proposal {
  facts: { id: FactId; value: string; replace: boolean }[];
  retract: { id: FactId; value?: string }[];
  move?: { kind: Exclude<(typeof MOVES)[number], "none">; stage?: 1 | 2 | 3 | 4 | 5 };
  generate?: ArtifactType;
  research?: string;
  kind?: ProjectKind;
  reply?: string;
}

export type Checked = { ok: true; proposal: Proposal; rejected: string[] } | { ok: false; reason: string };

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const isFact = (v: unknown): v is FactId =>
  typeof v === "string" && (FACT_IDS as readonly string[]).includes(v);

/**
 * Parses and validates the arguments of a `record_turn` call. Parts that fail a check are dropped
 * and named in `rejected`; arguments that are not a JSON object fail as a whole.
 */
export function checkProposal(args: string): Checked {
  let raw: unknown;
  try {
    raw = JSON.parse(args);
  } catch {
    return { ok: false, reason: "the arguments are not JSON" };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, reason: "the arguments are not an object" };
  const o = raw as Record<string, unknown>;
  const rejected: string[] = [];
  const proposal: Proposal = { facts: [], retract: [] };

  const facts = Array.isArray(o.facts) ? o.facts : o.facts === undefined ? [] : null;
  if (facts === null) rejected.push("facts is not a list");
  for (const f of (facts ?? []).slice(0, MAX_FACTS)) {
    const id = (f as { id?: unknown })?.id;
    const value = text((f as { value?: unknown })?.value);
    if (!isFact(id)) rejected.push(`unknown fact ${JSON.stringify(id)}`);
    else if (!value) rejected.push(`${id}: empty value`);
    else if (value.length > MAX_FACT_CHARS) rejected.push(`${id}: longer than ${MAX_FACT_CHARS} characters`);
    // A question is never a fact, whoever proposes it.
    else if (/\?\s*$/.test(value)) rejected.push(`${id}: a question, not a fact`);
    else proposal.facts.push({ id, value, replace: (f as { replace?: unknown }).replace === true });
  }
  if ((facts?.length ?? 0) > MAX_FACTS) rejected.push(`more than ${MAX_FACTS} facts`);

  for (const r of Array.isArray(o.retract) ? o.retract : []) {
    const id = (r as { id?: unknown })?.id;
    const value = text((r as { value?: unknown })?.value);
    if (isFact(id))
      proposal.retract.push({ id, ...(value ? { value: value.slice(0, MAX_FACT_CHARS) } : {}) });
    else rejected.push(`retract: unknown fact ${JSON.stringify(id)}`);
  }

  if (o.move !== undefined && o.move !== "none") {
    const stage = o.stage;
    if (!(MOVES as readonly unknown[]).includes(o.move))
      rejected.push(`unknown move ${JSON.stringify(o.move)}`);
    else if (
      o.move === "stage" &&
      !(Number.isInteger(stage) && (stage as number) >= 1 && (stage as number) <= 5)
    )
      rejected.push(`move to stage ${JSON.stringify(stage)}`);
    else
      proposal.move = {
        kind: o.move as NonNullable<Proposal["move"]>["kind"],
        ...(o.move === "stage" ? { stage: stage as 1 | 2 | 3 | 4 | 5 } : {}),
      };
  }
  if (o.generate !== undefined && o.generate !== null && o.generate !== "") {
    if (typeof o.generate === "string" && isArtifactType(o.generate)) proposal.generate = o.generate;
    else rejected.push(`unknown artifact ${JSON.stringify(o.generate)}`);
  }
  const research = text(o.research);
  if (research) proposal.research = research.slice(0, MAX_QUERY_CHARS);
  if (o.kind !== undefined && o.kind !== null && o.kind !== "") {
    if (isProjectKind(o.kind)) proposal.kind = o.kind;
    else rejected.push(`unknown kind ${JSON.stringify(o.kind)}`);
  }
  const reply = text(o.reply);
  if (reply) proposal.reply = reply.slice(0, MAX_REPLY_CHARS);
  return { ok: true, proposal, rejected };
}

/** A validated proposal as the pieces the dialogue manager applies. */
export function proposalPieces(p: Proposal): Piece[] {
  const pieces: Piece[] = [];
  if (p.kind) pieces.push({ kind: "project-kind", text: "", projectKind: p.kind });
  for (const f of p.facts)
    pieces.push({
      kind: "answer",
      text: f.value,
      fact: f.id,
      value: f.value,
      how: "model",
      replace: f.replace,
    });
  for (const r of p.retract)
    pieces.push({
      kind: "retraction",
      text: "",
      target: { phrase: r.value ?? FACTS[r.id].label, from: r.id },
    });
  let intent: Intent | undefined;
  if (p.generate) intent = { kind: "generate", artifact: p.generate, force: false };
  else if (p.move?.kind === "skip-question") intent = { kind: "skip" };
  else if (p.move?.kind === "skip-stage") intent = { kind: "skip-stage" };
  else if (p.move?.kind === "back") intent = { kind: "back" };
  else if (p.move?.kind === "stage" && p.move.stage) intent = { kind: "stage", stage: p.move.stage };
  else if (p.research) intent = { kind: "research", topic: p.research };
  if (intent) pieces.push({ kind: "command", text: "", intent });
  return pieces;
}

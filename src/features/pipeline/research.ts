/**
 * The research hook: the one place the guide asks for research. The research feature implements
 * Researcher (a queued search job whose results are posted to the conversation,
 * features/research/chat-researcher.ts); when it cannot start one (limits, consent, configuration)
 * it answers "unavailable" and the guide says why instead of pretending.
 *
 * The guide researches when a stage marked `research` in the catalogue begins (once per project and
 * stage), and whenever the user says "research <topic>".
 */
import { kindKnowledge } from "../../lib/knowledge";
import { stageSpec, type AgentId, type StageNumber } from "./catalogue";
import type { PipelineState } from "./state";

export interface ResearchRequest {
  ownerId: string;
  projectId: string;
  conversationId: string;
  agent: AgentId;
  query: string;
}

export type ResearchOutcome =
  /** `local`: answered from the built-in knowledge base and the user's artifacts, not the web. */
  { status: "started"; jobId: string; local: boolean } | { status: "unavailable"; detail: string };

export interface Researcher {
  start(request: ResearchRequest): Promise<ResearchOutcome>;
}

/** The research API accepts queries of up to 300 characters. */
export const MAX_QUERY_CHARS = 300;

/** Words kept from each fact: its first clause is its subject; the rest would only dilute the search. */
const FACT_WORDS = 12;
const gist = (value: string | undefined) =>
  value === undefined
    ? undefined
    : (value.split(/(?<=[.!?;])\s/)[0] ?? "")
        .replace(/[.!?;]+$/, "")
        .split(/\s+/)
        .slice(0, FACT_WORDS)
        .join(" ");

/**
 * What a stage researches when it begins: its subject, about the facts that decide what is relevant
 * (the problem, or the name when no problem is known yet; who has it; the project's kind, so the
 * knowledge base ranks notes for that kind first). Built from the facts, never from the message
 * that happened to end the stage, and each fact cut to its gist so no fact drowns the others.
 */
export function stageQuery(s: Pick<PipelineState, "facts" | "kind">, stage: StageNumber): string {
  const about = gist(s.facts.problem?.value) ?? gist(s.facts.productName?.value);
  const audience = gist(s.facts.audience?.value);
  const parts = [about, audience && `for ${audience}`, s.kind && `(${kindKnowledge(s.kind).label})`];
  const subject = parts.filter(Boolean).join(" ");
  const query = `${stageSpec(stage).name}${subject ? `: ${subject}` : ""}`.replace(/\s+/g, " ");
  return query.slice(0, MAX_QUERY_CHARS).trim();
}

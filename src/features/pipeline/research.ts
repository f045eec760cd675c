/**
 * The research hook: the one place the guide asks for research. The research feature implements
 * Researcher (a queued search job whose results are posted to the conversation,
 * features/research/chat-researcher.ts); when it cannot start one (limits, consent, configuration)
 * it answers "unavailable" and the guide says why instead of pretending.
 *
 * The guide researches when a stage marked `research` in the catalogue begins (once per project and
 * stage), and whenever the user says "research <topic>".
 */
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

/** What a stage researches when it begins: its subject, about the product's problem (or name). */
export function stageQuery(s: Pick<PipelineState, "facts">, stage: StageNumber): string {
  const about = s.facts.problem?.value ?? s.facts.productName?.value;
  const query = `${stageSpec(stage).name}${about ? `: ${about}` : ""}`.replace(/\s+/g, " ");
  return query.slice(0, MAX_QUERY_CHARS).trim();
}

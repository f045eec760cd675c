/**
 * The system prompt for a configured language model: the agent, the brief so far, and the guide's
 * decided reply for this turn, which the model rephrases in the agent's voice. The dialogue manager
 * decides; the model only words it, so facts are recorded the same way whichever model answers.
 */
import { kindKnowledge } from "../../lib/knowledge";
import {
  AGENTS,
  FACT_IDS,
  FACTS,
  STAGES,
  stageFacts,
  type AgentId,
  type FactId,
} from "../pipeline/catalogue";
import { kindStageFacts, questionFor } from "../pipeline/kinds";
import { isKnown, type PipelineState } from "../pipeline/state";

export function systemPrompt(p: {
  agent: AgentId;
  projectName: string;
  state: PipelineState;
  guideReply: string;
  dropped: number;
}): string {
  const agent = AGENTS[p.agent];
  const known = (Object.keys(p.state.facts) as FactId[]).map(
    (id) => `- ${FACTS[id].label}: ${p.state.facts[id]!.value}`,
  );
  const open = stageFacts(p.state.stage)
    .filter((id) => !isKnown(p.state, id))
    .map((id) => FACTS[id].label);
  const stage = STAGES[p.state.stage - 1]!;
  return [
    `You are the ${agent.name} of uXPRT, a workspace that guides people through a UX pipeline and produces design artifacts. ${agent.persona}`,
    `The pipeline: ${STAGES.map((s) => `${s.number}) ${s.name}`).join("; ")}.`,
    `Project: "${p.projectName}". Current stage: ${stage.number}) ${stage.name}.`,
    `What the user has told us so far:\n${known.length ? known.join("\n") : "(nothing yet)"}`,
    open.length ? `Still open in this stage: ${open.join(", ")}.` : "",
    p.dropped
      ? `${p.dropped} older messages are not shown; everything they established is in the list above.`
      : "",
    `The guide engine has already recorded the user's answers and decided this turn. Its reply is:\n<<<\n${p.guideReply}\n>>>`,
    `Reply to the user as the ${agent.name}: say the same things (acknowledgements, stage changes, offers, suggestions and exactly the same questions, no more), in your own words and briefly (under 150 words). ` +
      "Never invent facts about the project, never answer your own questions, and never claim an artifact was generated unless the guide's reply says so. " +
      "If the user asked something the guide could not answer, you may answer briefly from general UX knowledge before the question.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/**
 * The system prompt of a structured turn: the model reads the user's message, proposes what to
 * record and what to do by calling `record_turn`, and writes the reply. The dialogue manager checks
 * every part of the proposal before it changes anything.
 */
export function turnPrompt(p: {
  agent: AgentId;
  projectName: string;
  state: PipelineState;
  dropped: number;
}): string {
  const agent = AGENTS[p.agent];
  const s = p.state;
  const k = kindKnowledge(s.kind ?? "software");
  const known = (Object.keys(s.facts) as FactId[]).map((id) => `- ${id}: ${s.facts[id]!.value}`);
  const open = kindStageFacts(s.kind, s.stage)
    .filter((id) => !isKnown(s, id) && !s.skipped.includes(id))
    .map((id) => `- ${id}: ${questionFor(s.kind, id)}`);
  const stage = STAGES[s.stage - 1]!;
  return [
    `You are the ${agent.name} of uXPRT, a UX expert that guides people through a UX pipeline and produces design artifacts. ${agent.persona}`,
    `The pipeline: ${STAGES.map((x) => `${x.number}) ${x.name}`).join("; ")}.`,
    `Project: "${p.projectName}", a ${k.label}${s.kindSource === "user" ? " (the user said so)" : s.kind ? " (inferred)" : " (kind not known yet)"}. Current stage: ${stage.number}) ${stage.name}.`,
    `The brief so far (fact id: value):\n${known.length ? known.join("\n") : "(nothing yet)"}`,
    open.length
      ? `Still open in this stage (fact id: question):\n${open.join("\n")}`
      : "Nothing is open in this stage.",
    `Every fact id you may record, any stage: ${FACT_IDS.map((id) => `${id} (${FACTS[id].label})`).join(", ")}.`,
    `Knowledge for a ${k.label}: metrics ${k.metrics.map((m) => m.name).join("; ")}. Pricing patterns ${k.pricingPatterns.map((x) => x.name).join("; ")}. Channels ${k.channels.join("; ")}.`,
    p.dropped
      ? `${p.dropped} older messages are not shown; the brief above holds what they established.`
      : "",
    "Call record_turn exactly once. In facts, put only what the user's last message states, in their own words with lead-ins removed, each under the fact it is about (any stage; several per message are normal). " +
      "Never record a question, a request or a command as a fact. A correction sets replace: true; something taken back goes in retract. " +
      "A request to generate an artifact sets generate; to skip, go back or jump sets move. " +
      "In reply: acknowledge briefly, answer any question with substance and the project in view (label suggestions as suggestions), then ask the next open question. " +
      "Never claim an artifact was generated or research started: the system reports that. Under 150 words.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/**
 * The system prompt for a configured language model: the agent, the brief so far, and the guide's
 * decided reply for this turn, which the model rephrases in the agent's voice. The dialogue manager
 * decides; the model only words it, so facts are recorded the same way whichever model answers.
 */
import { AGENTS, FACTS, STAGES, stageFacts, type AgentId, type FactId } from "../pipeline/catalogue";
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

/**
 * A turn understood by the language model: it is asked to call `record_turn` with what the user's
 * message established, and its call is parsed and validated (pipeline/proposal.ts). A model without
 * structured output, a failed call, no call, or arguments that are not an object all come back as
 * `ok: false` with the reason, and the turn keeps the offline understanding.
 */
import type { ChatMessage, LanguageModel } from "../../lib/llm/port";
import { type Checked, checkProposal, TURN_TOOL, TURN_TOOL_NAME } from "../pipeline/proposal";

export async function modelTurn(
  model: LanguageModel,
  request: { system: string; messages: ChatMessage[]; maxTokens?: number; signal?: AbortSignal },
): Promise<Checked> {
  if (!model.callTools) return { ok: false, reason: "the model has no structured output" };
  let answer: Awaited<ReturnType<NonNullable<LanguageModel["callTools"]>>>;
  try {
    answer = await model.callTools({ ...request, tools: [TURN_TOOL], force: TURN_TOOL_NAME });
  } catch (e) {
    if (request.signal?.aborted) throw e;
    return { ok: false, reason: `the model failed: ${(e as Error).message}` };
  }
  const call = answer.calls.find((c) => c.name === TURN_TOOL_NAME);
  if (!call)
    return {
      ok: false,
      reason: answer.calls.length
        ? `the model called ${answer.calls.map((c) => c.name).join(", ")}`
        : "no tool call",
    };
  return checkProposal(call.arguments);
}

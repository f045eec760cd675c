/**
 * The guide bench (`npm run bench:guide`): every corpus conversation through the offline guide and
 * through a scripted model that speaks the Chat Completions wire format, scored the same way.
 */
import { modelTurn } from "../../src/features/chat/model-turn";
import { turnPrompt } from "../../src/features/chat/prompt";
import { planTurn, type TurnPlan } from "../../src/features/pipeline/guide";
import { initialState, type PipelineState } from "../../src/features/pipeline/state";
import { openAICompatible } from "../../src/lib/llm/openai";
import { CORPUS, type CorpusConversation, HELD_OUT } from "./guide";
import { runConversation, type Run, type Score, scoreRun } from "./score";
import { scriptedServer } from "./scripted-model";

export interface BenchRow {
  conversation: string;
  mode: "offline" | "scripted model";
  turns: number;
  score: Score;
  /** Turns where the model's answer was unusable and offline understanding was kept. */
  fallbacks: number;
}

async function runWithModel(
  conv: CorpusConversation,
  malformedEvery: number,
): Promise<{ run: Run; fallbacks: number }> {
  const model = openAICompatible({
    baseUrl: "http://127.0.0.1:9/v1",
    model: "scripted",
    fetch: scriptedServer(conv, malformedEvery).fetch,
  });
  // Each turn: the wire round trip and its checks (modelTurn), then planned the way the chat does.
  let fallbacks = 0;
  let state: PipelineState = initialState(conv.project, 1_000);
  const plans: TurnPlan[] = [];
  for (const [i, t] of conv.turns.entries()) {
    const checked = await modelTurn(model, {
      system: turnPrompt({ agent: "product", projectName: conv.project, state, dropped: 0 }),
      messages: [{ role: "user", content: t.say }],
    });
    if (!checked.ok) fallbacks++;
    const next = planTurn(
      state,
      t.say,
      { agent: "product", agentChanged: false, now: 1_001 + i },
      checked.ok ? checked.proposal : undefined,
    );
    state = JSON.parse(JSON.stringify(next.state));
    plans.push(next.plan);
  }
  return { run: { state, plans }, fallbacks };
}

export async function bench(malformedEvery = 7): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const conv of [...CORPUS, ...HELD_OUT]) {
    const offline = runConversation(conv, (state, text, now) =>
      planTurn(state, text, { agent: "product", agentChanged: false, now }),
    );
    rows.push({
      conversation: conv.name,
      mode: "offline",
      turns: conv.turns.length,
      score: scoreRun(conv, offline),
      fallbacks: 0,
    });
    const { run, fallbacks } = await runWithModel(conv, malformedEvery);
    rows.push({
      conversation: conv.name,
      mode: "scripted model",
      turns: conv.turns.length,
      score: scoreRun(conv, run),
      fallbacks,
    });
  }
  return rows;
}

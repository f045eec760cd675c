/**
 * Writing one reply: run the generation and research hooks if the turn asked for them, word the turn (the offline
 * guide's text, or a model's rephrasing of it), stream the tokens, save the reply, and end with
 * `done`, or with `error` when the model fails or runs out of time. The user's message was saved
 * before this starts, so a failure here loses nothing the user wrote.
 */
import { estimateTokens, fitHistory } from "../../lib/llm/history";
import { type ChatMessage, ModelError, type LanguageModel } from "../../lib/llm/port";
import type { AgentId } from "../pipeline/catalogue";
import type { ArtifactGenerator, GenerationOutcome } from "../pipeline/generation";
import type { Researcher, ResearchOutcome } from "../pipeline/research";
import { planTurn, type TurnPlan } from "../pipeline/guide";
import { generationNews, renderReply, researchNews } from "../pipeline/render";
import { artifactFacts, type PipelineState } from "../pipeline/state";
import type { ChatConfig } from "../../lib/llm/config";
import type { ChatEvent, Sequenced } from "./events";
import { modelTurn } from "./model-turn";
import { systemPrompt, turnPrompt } from "./prompt";
import { openMessages, sealBody } from "./sealed";
import type { ChatStore } from "./store";

/** Messages read back for the model before the token budget trims them. */
const HISTORY_MESSAGES = 40;
/**
 * The text so far is saved with the first token and then at most this often, so a restart loses at
 * most this much of a reply (store.ts, replies) for one sealed write a second.
 */
export const CHECKPOINT_MS = 1000;

export interface ActiveReply {
  conversationId: string;
  replyId: string;
  /** Token events so far, for sockets that join or rejoin while the reply is being written. */
  tokens: Sequenced[];
  /** The SSE response of the POST that started the reply; dropped if that client goes away. */
  sse?: WritableStreamDefaultWriter<Uint8Array>;
  abort: AbortController;
  /** The conversation was deleted while the reply was written: save and send nothing more. */
  cancelled: boolean;
  /** The user asked to stop: what was written so far is saved, marked stopped. */
  stopped: boolean;
  /** Work that must follow the reply in the conversation (a job's news that arrived meanwhile). */
  after: (() => Promise<void>)[];
}

export interface ReplyJob {
  reply: ActiveReply;
  ownerId: string;
  projectId: string;
  projectName: string;
  agent: AgentId;
  state: PipelineState;
  plan: TurnPlan;
  /** The project's state before this turn and what the user said, for a model to understand the turn anew. */
  turn: { previous: PipelineState; text: string; now: number; agentChanged: boolean };
  model: LanguageModel;
  config: ChatConfig;
}

export interface ReplyDeps {
  env: Env;
  store: ChatStore;
  /** Resolves once the event is published; a token is published before it returns. */
  emit(event: ChatEvent): Promise<Sequenced>;
  /** Changes the project's stored guide state in its turn (the state is sealed, so this awaits). */
  updatePipeline(
    projectId: string,
    fallback: PipelineState,
    change: (state: PipelineState) => void,
  ): Promise<PipelineState>;
  generator: ArtifactGenerator;
  researcher: Researcher;
}

async function requestGeneration(
  { emit, generator, updatePipeline }: ReplyDeps,
  job: ReplyJob,
  type: NonNullable<TurnPlan["generate"]>,
) {
  const { reply, projectId } = job;
  const outcome: GenerationOutcome = await generator
    .start({
      ownerId: job.ownerId,
      projectId,
      conversationId: reply.conversationId,
      type: type.type,
      facts: artifactFacts(job.state),
      missing: type.missing,
      ...(job.state.kind ? { kind: job.state.kind } : {}),
    })
    .catch((e) => ({
      status: "unavailable" as const,
      detail: `the generator failed (${(e as Error).message})`,
    }));
  // Re-read: another conversation of the project may have changed the state meanwhile.
  const state = await updatePipeline(projectId, job.state, (s) => {
    const request = s.requested.findLast((r) => r.type === type.type);
    if (request) request.status = outcome.status;
  });
  await emit({
    type: "generation",
    conversationId: reply.conversationId,
    artifactType: type.type,
    status: outcome.status,
    ...(outcome.status === "started"
      ? { jobId: outcome.jobId, artifactId: outcome.artifactId }
      : { detail: outcome.detail }),
  });
  return { outcome, state };
}

async function requestResearch(
  { emit, researcher }: ReplyDeps,
  job: ReplyJob,
  query: string,
): Promise<ResearchOutcome> {
  const { conversationId } = job.reply;
  const outcome: ResearchOutcome = await researcher
    .start({ ownerId: job.ownerId, projectId: job.projectId, conversationId, agent: job.agent, query })
    .catch((e) => ({
      status: "unavailable" as const,
      detail: `the search could not be queued (${(e as Error).message})`,
    }));
  emit({
    type: "research",
    conversationId,
    query,
    status: outcome.status,
    ...(outcome.status === "started" ? { jobId: outcome.jobId } : { detail: outcome.detail }),
  });
  return outcome;
}

/** The conversation so far, oldest first, fitted to the token budget left after the system prompt. */
async function fittedHistory(deps: ReplyDeps, job: ReplyJob, system: (dropped: number) => string) {
  const history: ChatMessage[] = (
    await openMessages(deps.env, deps.store.recentMessages(job.reply.conversationId, HISTORY_MESSAGES))
  ).map((m) => ({ role: m.role as "user" | "assistant", content: m.content }));
  const fitted = fitHistory(
    history,
    Math.max(200, job.config.historyTokens - estimateTokens(system(history.length))),
  );
  return { messages: fitted.messages, system: system(fitted.dropped) };
}

/**
 * With a model that has structured output, the model reads the turn: its validated proposal is
 * planned from the state before the turn, and saved over the offline plan unless another turn of
 * the project came in between. Anything short of a valid proposal keeps the offline plan.
 */
async function understandWithModel(
  deps: ReplyDeps,
  job: ReplyJob,
): Promise<{ state: PipelineState; plan: TurnPlan; reply?: string } | undefined> {
  const { previous, text, now, agentChanged } = job.turn;
  const { messages, system } = await fittedHistory(deps, job, (dropped) =>
    turnPrompt({ agent: job.agent, projectName: job.projectName, state: previous, dropped }),
  );
  const checked = await modelTurn(job.model, {
    system,
    messages,
    maxTokens: job.config.maxTokens,
    signal: job.reply.abort.signal,
  });
  if (!checked.ok || checked.rejected.length)
    console.warn(
      JSON.stringify({
        level: "warn",
        msg: checked.ok
          ? "model proposal partly rejected"
          : "model proposal unusable; offline understanding kept",
        conversationId: job.reply.conversationId,
        model: job.model.name,
        detail: checked.ok ? checked.rejected : checked.reason,
      }),
    );
  if (!checked.ok) return undefined;
  const planned = planTurn(previous, text, { agent: job.agent, agentChanged, now }, checked.proposal);
  let replaced = false;
  const state = await deps.updatePipeline(job.projectId, job.state, (current) => {
    if (current.turns !== job.state.turns || current.updatedAt !== job.state.updatedAt) return;
    for (const key of Object.keys(current)) delete (current as unknown as Record<string, unknown>)[key];
    Object.assign(current, structuredClone(planned.state));
    replaced = true;
  });
  if (!replaced) return undefined;
  return { state, plan: planned.plan, reply: checked.proposal.reply };
}

export async function runReply(deps: ReplyDeps, job: ReplyJob): Promise<void> {
  const { store, emit } = deps;
  const { reply, model, config } = job;
  const { conversationId, replyId } = reply;
  const timer = setTimeout(() => reply.abort.abort(new ModelError("time-out")), config.timeoutMs);
  let text = "";
  try {
    let state = job.state;
    let plan = job.plan;
    let modelReply: string | undefined;
    // A model with structured output understands the turn; others only word the offline plan.
    const structured = Boolean(model.callTools);
    if (structured) {
      const understood = await understandWithModel(deps, job);
      if (understood) ({ state, plan, reply: modelReply } = understood);
    }
    let generation: GenerationOutcome | undefined;
    if (plan.generate)
      ({ outcome: generation, state } = await requestGeneration(deps, { ...job, state }, plan.generate));
    const research = plan.research ? await requestResearch(deps, job, plan.research.query) : undefined;
    const guideReply = renderReply(plan, { state, generation, research });

    if (reply.stopped) throw new ModelError("stopped");
    let checkpointed: number | undefined;
    const say = async (delta: string) => {
      text += delta;
      await emit({ type: "token", conversationId, replyId, text: delta });
      const now = Date.now();
      if (checkpointed === undefined || now - checkpointed >= CHECKPOINT_MS) {
        checkpointed = now;
        const sealed = await sealBody(deps.env, conversationId, text);
        if (!reply.cancelled) store.checkpointReply(conversationId, replyId, sealed);
      }
    };
    if (structured) {
      // The model's words, then what the code did (a claim in the model's text changes nothing);
      // without a usable proposal, the offline guide's reply.
      const news = [
        ...(plan.research ? [researchNews(plan.research.query, plan.research.auto, research)] : []),
        ...generationNews(plan, generation),
      ];
      const words = modelReply ? [modelReply, ...news].join("\n\n") : guideReply;
      for (const word of words.match(/\s*\S+/g) ?? []) {
        if (reply.cancelled) return;
        if (reply.stopped) throw new ModelError("stopped");
        await say(word);
      }
    } else {
      const { messages, system } = await fittedHistory(deps, job, (dropped) =>
        systemPrompt({ agent: job.agent, projectName: job.projectName, state, guideReply, dropped }),
      );
      for await (const delta of model.stream({
        system,
        messages,
        guideReply,
        maxTokens: config.maxTokens,
        signal: reply.abort.signal,
      })) {
        if (reply.cancelled) return;
        await say(delta);
      }
    }
    if (reply.cancelled) return;
    // A model that sends nothing still leaves the user a reply: the guide's own.
    if (!text.trim()) for (const word of guideReply.match(/\s*\S+/g) ?? []) await say(word);
    if (!text.trim()) throw new ModelError("The model sent an empty reply.");
    await saveReply(deps, job, text);
  } catch (e) {
    if (reply.cancelled) return;
    if (reply.stopped) return await saveStopped(deps, job, text);
    const timedOut = reply.abort.signal.aborted;
    // The provider's words stay in the log: they can name the account or a key prefix.
    console.error(
      JSON.stringify({
        level: "error",
        msg: "reply failed",
        conversationId,
        replyId,
        model: model.name,
        error: String(e),
      }),
    );
    const status = e instanceof ModelError && e.status ? ` (the model endpoint answered ${e.status})` : "";
    await emit({
      type: "error",
      conversationId,
      replyId,
      code: timedOut ? "timeout" : "model_error",
      detail: timedOut
        ? `The reply took longer than ${Math.round(config.timeoutMs / 1000)} s and was stopped. Your message is saved; send it again to retry.`
        : `The assistant could not reply${status}. Your message is saved; send it again or try later.`,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** A reply the user stopped: saved as far as it got and marked stopped; nothing written, nothing saved. */
async function saveStopped(deps: ReplyDeps, job: ReplyJob, text: string) {
  const { emit } = deps;
  const { conversationId, replyId } = job.reply;
  if (!text.trim()) {
    await emit({
      type: "error",
      conversationId,
      replyId,
      code: "stopped",
      detail: "Stopped before the guide wrote anything. Your message is saved.",
    });
    return;
  }
  await saveReply(deps, job, text, { stopped: true });
}

/** Saves the reply (sealed) as the conversation's next message and tells every listener it is done. */
async function saveReply(
  { store, emit, env }: ReplyDeps,
  job: ReplyJob,
  text: string,
  { stopped }: { stopped?: boolean } = {},
) {
  const { conversationId, replyId } = job.reply;
  const sealed = await sealBody(env, conversationId, text);
  // Cancelled while sealing (the conversation was deleted or the turn replaced): nothing to save.
  if (job.reply.cancelled) return;
  const message = {
    ...store.insertMessage({
      id: replyId,
      conversationId,
      role: "assistant",
      agent: job.agent,
      content: sealed,
      model: job.model.name,
      now: Date.now(),
      stopped,
    }),
    content: text,
  };
  store.setLastAgent(conversationId, job.agent);
  await emit({ type: "done", conversationId, replyId, message });
}

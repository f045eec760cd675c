/**
 * Writing one reply: run the generation and research hooks if the turn asked for them, word the turn (the offline
 * guide's text, or a model's rephrasing of it), stream the tokens, save the reply, and end with
 * `done`, or with `error` when the model fails or runs out of time. The user's message was saved
 * before this starts, so a failure here loses nothing the user wrote.
 */
import { estimateTokens, fitHistory } from "../../lib/llm/history";
import { ModelError, type LanguageModel } from "../../lib/llm/port";
import type { AgentId } from "../pipeline/catalogue";
import type { ArtifactGenerator, GenerationOutcome } from "../pipeline/generation";
import type { Researcher, ResearchOutcome } from "../pipeline/research";
import type { TurnPlan } from "../pipeline/guide";
import { renderReply } from "../pipeline/render";
import type { PipelineState } from "../pipeline/state";
import type { ChatConfig } from "../../lib/llm/config";
import type { ChatEvent, Sequenced } from "./events";
import { systemPrompt } from "./prompt";
import { openMessages, sealBody } from "./sealed";
import type { ChatStore } from "./store";

/** Messages read back for the model before the token budget trims them. */
const HISTORY_MESSAGES = 40;

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
      facts: job.state.facts,
      missing: type.missing,
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

export async function runReply(deps: ReplyDeps, job: ReplyJob): Promise<void> {
  const { store, emit } = deps;
  const { reply, model, config, plan } = job;
  const { conversationId, replyId } = reply;
  const timer = setTimeout(() => reply.abort.abort(new ModelError("time-out")), config.timeoutMs);
  try {
    let state = job.state;
    let generation: GenerationOutcome | undefined;
    if (plan.generate) ({ outcome: generation, state } = await requestGeneration(deps, job, plan.generate));
    const research = plan.research ? await requestResearch(deps, job, plan.research.query) : undefined;
    const guideReply = renderReply(plan, { state, generation, research });

    const history = (
      await openMessages(deps.env, store.recentMessages(conversationId, HISTORY_MESSAGES))
    ).map((m) => ({ role: m.role as "user" | "assistant", content: m.content }));
    const base = { agent: job.agent, projectName: job.projectName, state, guideReply };
    const fitted = fitHistory(
      history,
      Math.max(
        200,
        config.historyTokens - estimateTokens(systemPrompt({ ...base, dropped: history.length })),
      ),
    );
    const system = systemPrompt({ ...base, dropped: fitted.dropped });

    let text = "";
    for await (const delta of model.stream({
      system,
      messages: fitted.messages,
      guideReply,
      maxTokens: config.maxTokens,
      signal: reply.abort.signal,
    })) {
      if (reply.cancelled) return;
      text += delta;
      await emit({ type: "token", conversationId, replyId, text: delta });
    }
    if (reply.cancelled) return;
    if (!text.trim()) throw new ModelError("The model sent an empty reply.");
    const sealed = await sealBody(deps.env, conversationId, text);
    if (reply.cancelled) return;
    const message = {
      ...store.insertMessage({
        id: replyId,
        conversationId,
        role: "assistant",
        agent: job.agent,
        content: sealed,
        model: model.name,
        now: Date.now(),
      }),
      content: text,
    };
    store.setLastAgent(conversationId, job.agent);
    await emit({ type: "done", conversationId, replyId, message });
  } catch (e) {
    if (reply.cancelled) return;
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

/**
 * UserChat: one Durable Object per user (SQLite-backed), named from the verified user id. It holds
 * that user's messages, pipeline state, event log and usage counters (see store.ts), writes replies,
 * and fans every event out to the user's open WebSockets (hibernation API: sockets stay open while
 * the object sleeps).
 *
 * The Worker calls it only after checking, in D1, that the conversation or project belongs to the
 * caller; and since the object is the caller's own, an id from another user finds nothing here.
 *
 * Results cross RPC as plain values ({ ok: false, status, detail }) rather than thrown Problems,
 * whose class would not survive the trip.
 *
 * Message bodies, logged events and the guide's state are sealed before they are stored
 * (sealed.ts). Sealing is asynchronous, so it happens before each synchronous block that changes
 * state, never inside one: the blocks stay atomic, as the object guarantees only between awaits.
 */
import { DurableObject } from "cloudflare:workers";
import { newId } from "../../lib/crypto";
import { Problem } from "../../lib/problem";
import { keyring, resealText, textPrefix } from "../../lib/sealing";
import type { AgentId } from "../pipeline/catalogue";
import type { ArtifactGenerator } from "../pipeline/generation";
import type { Researcher } from "../pipeline/research";
import { planTurn, type TurnPlan } from "../pipeline/guide";
import { initialState, type PipelineState } from "../pipeline/state";
import { isDurable, sseFrame, wsFrame, type ChatEvent, type MessageView, type Sequenced } from "./events";
import { takeMessage, usageToday, type UsageView } from "./limits";
import type { ChatConfig } from "../../lib/llm/config";
import { hasConsent } from "../../lib/consent";
import { chatRuntime, offlineGuide, usesExternalModel } from "../../lib/llm/model";
import { ModelError, type LanguageModel } from "../../lib/llm/port";
import { runReply, type ActiveReply, type ReplyJob } from "./reply";
import {
  chatContext,
  openBody,
  openEvents,
  openMessages,
  openPipeline,
  pipelineContext,
  sealBody,
  sealEvent,
  sealPipeline,
} from "./sealed";
import { ChatStore, MAX_REPLAY, toMessageView } from "./store";

/** Event ids are reserved in blocks, so ids keep growing across restarts with one write per block. */
const EVENT_ID_BLOCK = 1000;
/**
 * A reply ends by its time-out at the latest; an alarm this long after that wakes the object to
 * report a reply a restart cut off even when no client comes back (hibernated sockets stay open).
 */
const INTERRUPT_ALARM_GRACE_MS = 30_000;
/** An event stream (GET …/events) follows the conversation this long, then the client reconnects. */
const FOLLOW_MS = 5 * 60_000;
/** What an EventSource waits before it reconnects with Last-Event-ID. */
const SSE_RETRY_MS = 1000;

export interface SendInput {
  ownerId: string;
  conversationId: string;
  projectId: string;
  projectName: string;
  agent: AgentId;
  content: string;
}

export interface ChatDump {
  conversations: { id: string; projectId: string; lastAgent: string | null; createdAt: string }[];
  messages: MessageView[];
  pipelines: { projectId: string; state: PipelineState }[];
}

export type Refusal = { ok: false; status: number; detail: string; retryAfter?: number };
export type SendResult =
  | { ok: true; messageId: string; replyId: string; stream: ReadableStream<Uint8Array> }
  | Refusal;

const encoder = new TextEncoder();

/** The guide's hooks into generation and research, features above chat that src/worker wires in. */
export interface ChatHooks {
  generator: ArtifactGenerator;
  researcher: Researcher;
}

/** Everything of the object but its hooks; the class the Worker binds (src/worker/user-chat.ts) adds them. */
export abstract class UserChatObject extends DurableObject<Env> {
  private readonly store: ChatStore;
  private readonly active = new Map<string, ActiveReply>();
  private lastEventId: number;
  private reservedUntil: number;
  /** Set by erase(): the storage is gone, so nothing may write to it again in this instance. */
  private erased = false;
  /** The last turn queued per project (withPipeline). */
  private readonly pipelineTurns = new Map<string, Promise<unknown>>();
  /** Open event streams (GET …/events) per conversation. */
  private readonly followers = new Map<string, Set<WritableStreamDefaultWriter<Uint8Array>>>();

  protected abstract hooks(): ChatHooks;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ChatStore(ctx.storage.sql);
    this.reservedUntil = this.store.meta("event_reserved") ?? 0;
    this.lastEventId = this.reservedUntil;
    // Keep-alive pings are answered without waking a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    void ctx.blockConcurrencyWhile(() => this.reportInterrupted());
  }

  private nextEventId(): number {
    if (this.lastEventId >= this.reservedUntil) {
      this.reservedUntil = this.lastEventId + EVENT_ID_BLOCK;
      this.store.setMeta("event_reserved", this.reservedUntil);
    }
    return ++this.lastEventId;
  }

  /**
   * Seals a durable event's log entry, then publishes it. Tokens need no sealing and are published
   * before this returns, so a reply's tokens keep their order without awaiting each one.
   */
  private async emit(event: ChatEvent): Promise<Sequenced> {
    return this.publish(event, isDurable(event) ? await sealEvent(this.env, event) : undefined);
  }

  /** Numbers an event, logs it when durable, and sends it to the conversation's sockets and SSE stream. */
  private publish(event: ChatEvent, sealed: string | undefined): Sequenced {
    const e = { ...event, id: this.nextEventId() } as Sequenced;
    if (sealed !== undefined) this.store.logEvent(e, sealed, Date.now());
    const frame = wsFrame(e);
    for (const ws of this.ctx.getWebSockets(e.conversationId)) {
      try {
        ws.send(frame);
      } catch {
        // A socket closing right now; its close handler cleans up.
      }
    }
    const reply = this.active.get(e.conversationId);
    const sse = encoder.encode(sseFrame(e));
    if (reply) {
      if (e.type === "token") reply.tokens.push(e);
      reply.sse?.write(sse).catch(() => (reply.sse = undefined));
    }
    const followers = this.followers.get(e.conversationId);
    for (const writer of followers ?? []) writer.write(sse).catch(() => followers?.delete(writer));
    return e;
  }

  /**
   * A reply that is logged as being written but is not running here was cut off by a restart (a
   * deploy, an evicted object, `wrangler dev` reloading) and can never finish: it is saved as far as
   * its last checkpoint, marked interrupted, and reported with an `interrupted` event, so clients
   * that reconnect learn how it ended and the conversation offers a retry (regenerate).
   */
  private async reportInterrupted() {
    for (const r of this.store.unfinishedReplies()) {
      const { conversationId, replyId } = r;
      if (this.active.has(conversationId)) continue;
      try {
        const text = r.partial ? await openBody(this.env, conversationId, r.partial) : "";
        const content = r.partial ?? (await sealBody(this.env, conversationId, ""));
        const agent = (r.agent ?? this.store.lastAgent(conversationId) ?? "product") as AgentId;
        const message: MessageView = {
          id: replyId,
          conversationId,
          role: "assistant",
          agent,
          content: text,
          createdAt: new Date(r.startedAt).toISOString(),
          interrupted: true,
        };
        const event = {
          type: "interrupted",
          conversationId,
          replyId,
          message,
          detail: text
            ? "A restart cut this reply off; it is saved as far as it got. Retry to write it again."
            : "A restart cut this reply off before it was written. Your message is saved; retry to write it.",
        } as const;
        const sealed = await sealEvent(this.env, event);
        // A conversation deleted meanwhile, or a reply that began again here, gets nothing.
        if (this.active.has(conversationId) || !this.store.conversationExists(conversationId)) continue;
        this.store.insertMessage({ ...message, agent, content, now: r.startedAt });
        this.publish(event, sealed);
      } finally {
        if (!this.active.has(conversationId)) this.store.endReply(conversationId);
      }
    }
  }

  /** Logs a reply as being written, and makes sure the object wakes to report it if a restart cuts it off. */
  private startReply(reply: ActiveReply, agent: AgentId, config: ChatConfig, now: number) {
    this.store.startReply({ conversationId: reply.conversationId, replyId: reply.replyId, agent, now });
    const at = now + config.timeoutMs + INTERRUPT_ALARM_GRACE_MS;
    void this.ctx.storage.getAlarm().then((set) => {
      if (set === null || set < at) return this.ctx.storage.setAlarm(at);
    });
  }

  /** Reports replies a restart cut off; comes back later while replies are still being written. */
  override async alarm() {
    if (this.erased) return;
    await this.reportInterrupted();
    if (this.active.size > 0) {
      const { timeoutMs } = chatRuntime.config(this.env);
      await this.ctx.storage.setAlarm(Date.now() + timeoutMs + INTERRUPT_ALARM_GRACE_MS);
    }
  }

  /**
   * What every turn needs before it starts: the model, the keys, and the conversation free (one reply
   * at a time). Marks the conversation busy with the new reply; the caller must end or launch it.
   */
  private async prepare(
    conversationId: string,
    ownerId: string,
    now: number,
  ): Promise<
    | {
        ok: true;
        reply: ActiveReply;
        stream: ReadableStream<Uint8Array>;
        model: LanguageModel;
        config: ChatConfig;
      }
    | Refusal
  > {
    let config: ChatConfig;
    let model: LanguageModel;
    try {
      config = chatRuntime.config(this.env);
      model = chatRuntime.model(this.env, config);
      // Without consent to an outside model the built-in guide answers, as the consent text promises.
      if (usesExternalModel(this.env) && !(await hasConsent(this.env, ownerId, "external-model")))
        model = offlineGuide(config.offlineDelayMs);
      await keyring(this.env);
    } catch (e) {
      if (e instanceof Problem) return { ok: false, status: e.status, detail: e.detail };
      throw e;
    }
    if (this.erased) return { ok: false, status: 404, detail: "No such conversation." };
    if (this.active.has(conversationId)) {
      return {
        ok: false,
        status: 409,
        detail: "A reply is still being written in this conversation; wait for its done or error event.",
      };
    }
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const reply: ActiveReply = {
      conversationId,
      replyId: newId(now),
      tokens: [],
      sse: writable.getWriter(),
      abort: new AbortController(),
      cancelled: false,
      stopped: false,
      after: [],
    };
    this.active.set(conversationId, reply);
    return { ok: true, reply, stream: readable, model, config };
  }

  /** Counts one message against the limits; a refusal to return when they are spent. */
  private takeQuota(config: ChatConfig, now: number): Refusal | undefined {
    const verdict = takeMessage(this.store, config, now);
    return verdict.ok
      ? undefined
      : { ok: false, status: 429, detail: verdict.detail, retryAfter: verdict.retryAfter };
  }

  /**
   * Runs a planned turn's reply in the background; its events go to the SSE stream and the sockets.
   * `turn` is what the synchronous step of send() or rerun() returned: a plan, a refusal, or null
   * when the conversation went away meanwhile.
   */
  private async launch(
    input: Omit<SendInput, "content">,
    ready: {
      reply: ActiveReply;
      stream: ReadableStream<Uint8Array>;
      model: LanguageModel;
      config: ChatConfig;
    },
    plan: () => Promise<
      { state: PipelineState; plan: TurnPlan; turn: ReplyJob["turn"]; messageId: string } | Refusal | null
    >,
  ): Promise<SendResult> {
    const { reply, model, config } = ready;
    const { conversationId, projectId } = input;
    let turn: Awaited<ReturnType<typeof plan>>;
    try {
      turn = await this.withPipeline(projectId, plan);
    } catch (e) {
      // Without this the conversation would answer 409 until the object restarts.
      this.active.delete(conversationId);
      throw e;
    }
    if (!turn || "ok" in turn) {
      this.active.delete(conversationId);
      return turn ?? { ok: false, status: 404, detail: "No such conversation." };
    }
    const job = {
      reply,
      ownerId: input.ownerId,
      projectId,
      projectName: input.projectName,
      agent: input.agent,
      state: turn.state,
      plan: turn.plan,
      turn: turn.turn,
      model,
      config,
    };
    const deps = {
      env: this.env,
      store: this.store,
      emit: (e: ChatEvent) => this.emit(e),
      ...this.hooks(),
      updatePipeline: (id: string, fallback: PipelineState, change: (s: PipelineState) => void) =>
        this.updatePipeline(id, fallback, change),
    };
    this.ctx.waitUntil(
      runReply(deps, job).finally(() => {
        if (this.erased) return;
        this.store.endReply(conversationId);
        this.store.pruneEvents(Date.now());
        this.active.delete(conversationId);
        reply.sse?.close().catch(() => {});
        for (const run of reply.after) run().catch(() => {});
      }),
    );
    return { ok: true, messageId: turn.messageId, replyId: reply.replyId, stream: ready.stream };
  }

  async send(input: SendInput): Promise<SendResult> {
    const now = Date.now();
    const { conversationId, projectId } = input;
    const ready = await this.prepare(conversationId, input.ownerId, now);
    if (!ready.ok) return ready;
    const spent = this.takeQuota(ready.config, now);
    if (spent) {
      this.active.delete(conversationId);
      return spent;
    }
    const { reply } = ready;
    const message: MessageView = {
      id: newId(now),
      conversationId,
      role: "user",
      agent: input.agent,
      content: input.content,
      createdAt: new Date(now).toISOString(),
    };
    return this.launch(input, ready, async () => {
      const stored = this.store.pipeline(projectId);
      const previous = stored
        ? await openPipeline(this.env, projectId, stored)
        : initialState(input.projectName, now);
      const lastAgent = this.store.lastAgent(conversationId);
      const agentChanged = lastAgent !== null && lastAgent !== input.agent;
      const planned = planTurn(previous, input.content, { agent: input.agent, agentChanged, now });
      const event = { type: "message", conversationId, message } as const;
      const [sealedContent, sealedEvent, sealedState] = await Promise.all([
        sealBody(this.env, conversationId, input.content),
        sealEvent(this.env, event),
        sealPipeline(this.env, projectId, planned.state),
      ]);
      // Deleted while sealing: writing now would bring the conversation back.
      if (reply.cancelled) return null;
      this.store.ensureConversation({ id: conversationId, projectId, now });
      this.store.insertMessage({
        id: message.id,
        conversationId,
        role: "user",
        agent: input.agent,
        content: sealedContent,
        now,
      });
      this.publish(event, sealedEvent);
      this.store.savePipeline(projectId, sealedState);
      this.store.saveTurn({ conversationId, projectId, messageId: message.id, stateBefore: stored });
      this.startReply(reply, input.agent, ready.config, now);
      return {
        ...planned,
        turn: { previous, text: input.content, now, agentChanged },
        messageId: message.id,
      };
    });
  }

  /**
   * Runs the conversation's last turn again: its replies are removed and the guide answers the last
   * user message anew (regenerate), or that message edited (`edit`), from the project's guide state
   * as it was before the turn. Refused when another conversation of the project has taken a turn
   * since (going back would undo it), and for turns older than this feature (no state was kept).
   */
  async rerun(
    input: Omit<SendInput, "content"> & { edit?: { messageId: string; content: string } },
  ): Promise<SendResult> {
    const now = Date.now();
    const { conversationId, projectId, edit } = input;
    const ready = await this.prepare(conversationId, input.ownerId, now);
    if (!ready.ok) return ready;
    const { reply } = ready;
    const conflict = (detail: string): Refusal => ({ ok: false, status: 409, detail });
    return this.launch(input, ready, async () => {
      const last = this.store.lastUserMessage(conversationId);
      const turn = this.store.turn(conversationId);
      if (!last || turn?.message_id !== last.id)
        return conflict("This conversation has no turn that can be run again; send a new message instead.");
      if (edit && edit.messageId !== last.id) return conflict("Only your last message can be edited.");
      if (turn.version !== this.store.projectTurns(projectId))
        return conflict(
          "Another conversation of this project has moved the guide on since; send a new message instead.",
        );
      const spent = this.takeQuota(ready.config, now);
      if (spent) return spent;
      const content = edit?.content ?? (await openMessages(this.env, [last]))[0]!.content;
      const previous = turn.state_before
        ? await openPipeline(this.env, projectId, turn.state_before)
        : initialState(input.projectName, now);
      const planned = planTurn(previous, content, { agent: input.agent, agentChanged: false, now });
      // No message can be added meanwhile: the conversation is busy with this reply.
      const removedIds = this.store.messagesAfter(conversationId, last.seq);
      const removed = { type: "removed", conversationId, messageIds: removedIds } as const;
      const edited = {
        type: "message",
        conversationId,
        message: { ...toMessageView(last), content },
      } as const;
      const [sealedContent, sealedRemoved, sealedEdited, sealedState] = await Promise.all([
        edit ? sealBody(this.env, conversationId, content) : undefined,
        removedIds.length ? sealEvent(this.env, removed) : undefined,
        edit ? sealEvent(this.env, edited) : undefined,
        sealPipeline(this.env, projectId, planned.state),
      ]);
      if (reply.cancelled) return null;
      this.store.deleteMessagesAfter(conversationId, last.seq);
      if (sealedRemoved) this.publish(removed, sealedRemoved);
      if (sealedContent && sealedEdited) {
        this.store.replaceMessageContent(last.id, sealedContent);
        this.publish(edited, sealedEdited);
      }
      this.store.savePipeline(projectId, sealedState);
      this.store.saveTurn({ conversationId, projectId, messageId: last.id, stateBefore: turn.state_before });
      this.startReply(reply, input.agent, ready.config, now);
      return { ...planned, turn: { previous, text: content, now, agentChanged: false }, messageId: last.id };
    });
  }

  /** Stops the reply being written: what it has written so far is saved, marked stopped. */
  async stop(conversationId: string): Promise<{ ok: true } | Refusal> {
    const reply = this.active.get(conversationId);
    if (!reply || reply.stopped)
      return { ok: false, status: 409, detail: "No reply is being written in this conversation." };
    reply.stopped = true;
    reply.abort.abort(new ModelError("stopped"));
    return { ok: true };
  }

  /** One message, opened (for copying its Markdown); undefined when the conversation has no such one. */
  async message(conversationId: string, id: string): Promise<MessageView | undefined> {
    const row = this.store.message(conversationId, id);
    return row ? toMessageView((await openMessages(this.env, [row]))[0]!) : undefined;
  }

  /** The daily quota: how many messages are left today, and when it resets. */
  async usage(): Promise<UsageView> {
    return usageToday(this.store, chatRuntime.config(this.env), Date.now());
  }

  /** Newest first; `beforeSeq` comes from the cursor of the previous page. */
  async messages(
    conversationId: string,
    page: { beforeSeq?: number; limit: number },
  ): Promise<{ items: MessageView[]; next: { seq: number; id: string } | null; lastEventId: number }> {
    // Read before the messages: a socket resuming from here may get an event twice (clients skip
    // what they have), never miss one. A reply being written resumes from its first token.
    const firstToken = this.active.get(conversationId)?.tokens[0]?.id;
    const lastEventId = firstToken !== undefined ? firstToken - 1 : this.lastEventId;
    const rows = await openMessages(
      this.env,
      this.store.messagesPage(conversationId, page.beforeSeq, page.limit),
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toMessageView),
      next: rows.length > page.limit && last ? { seq: last.seq, id: last.id } : null,
      lastEventId,
    };
  }

  async pipeline(projectId: string): Promise<PipelineState | null> {
    const stored = this.store.pipeline(projectId);
    return stored ? openPipeline(this.env, projectId, stored) : null;
  }

  /**
   * Runs `fn` after every earlier call for the same project. A turn opens, changes and seals the
   * project's state across awaits, and two conversations of one project must not interleave there
   * (workerd happens to finish WebCrypto without yielding to other events; this does not rely on it).
   */
  private withPipeline<T>(projectId: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.pipelineTurns.get(projectId) ?? Promise.resolve()).then(fn);
    const settled = run.catch(() => {});
    this.pipelineTurns.set(projectId, settled);
    void settled.then(
      () => this.pipelineTurns.get(projectId) === settled && this.pipelineTurns.delete(projectId),
    );
    return run;
  }

  private updatePipeline(
    projectId: string,
    fallback: PipelineState,
    change: (state: PipelineState) => void,
  ): Promise<PipelineState> {
    return this.withPipeline(projectId, async () => {
      const stored = this.store.pipeline(projectId);
      const state = stored ? await openPipeline(this.env, projectId, stored) : fallback;
      change(state);
      this.store.savePipeline(projectId, await sealPipeline(this.env, projectId, state));
      return state;
    });
  }

  /**
   * Puts an event on a conversation's stream from outside a reply: the artifacts and research
   * features report their jobs here. A finished job also leaves a message in the conversation, so its
   * history shows the outcome and the link after the stream is gone. Returns the event id.
   */
  async notify(
    event: Extract<ChatEvent, { type: "generation" | "research" }>,
    outcome?: { agent: AgentId; text: string },
  ): Promise<number> {
    // A job that outlived its account must not write the erased storage back.
    if (this.erased) return 0;
    const id = (await this.emit(event)).id;
    if (outcome) {
      const post = async () => {
        const sealed = await sealBody(this.env, event.conversationId, outcome.text);
        // A conversation deleted meanwhile gets no message (nothing would ever show or delete it).
        if (!this.store.conversationExists(event.conversationId)) return;
        const message = this.store.insertMessage({
          id: newId(),
          conversationId: event.conversationId,
          role: "assistant",
          agent: outcome.agent,
          content: sealed,
          model: "uxprt-jobs",
          now: Date.now(),
        });
        await this.emit({
          type: "message",
          conversationId: event.conversationId,
          message: { ...message, content: outcome.text },
        });
      };
      // A job can finish while the reply that started it is still streaming; its news goes after that reply.
      const reply = this.active.get(event.conversationId);
      if (reply) reply.after.push(post);
      else await post();
    }
    return id;
  }

  async deleteConversation(conversationId: string): Promise<void> {
    const reply = this.active.get(conversationId);
    if (reply) {
      reply.cancelled = true;
      reply.abort.abort(new Error("conversation deleted"));
    }
    for (const ws of this.ctx.getWebSockets(conversationId)) ws.close(1000, "conversation deleted");
    this.closeFollowers(conversationId);
    this.store.deleteConversation(conversationId);
  }

  async deleteProject(projectId: string): Promise<void> {
    for (const id of this.store.conversationIdsOfProject(projectId)) await this.deleteConversation(id);
    this.store.deletePipeline(projectId);
  }

  /**
   * Account erasure (features/privacy): stops replies, closes sockets and deletes all storage.
   * Other calls find nothing afterwards; a fresh instance starts with empty tables.
   */
  async erase(): Promise<void> {
    this.erased = true;
    for (const reply of this.active.values()) {
      reply.cancelled = true;
      reply.abort.abort(new Error("account erased"));
    }
    this.active.clear();
    for (const id of [...this.followers.keys()]) this.closeFollowers(id);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.close(1000, "account erased");
      } catch {
        // already closing
      }
    }
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Re-seals every stored value under the current key (the rotation command); returns how many. */
  async reseal(): Promise<number> {
    if (this.erased) return 0;
    const prefix = textPrefix((await keyring(this.env)).current);
    const stale = this.store.staleSealed(prefix);
    for (const m of stale.messages)
      this.store.replaceMessageContent(
        m.id,
        await resealText(this.env, m.content, chatContext(m.conversation_id)),
      );
    for (const e of stale.events)
      this.store.replaceEventBody(e.id, await resealText(this.env, e.body, chatContext(e.conversation_id)));
    for (const { project_id: id } of stale.pipelines) {
      // In the project's turn, and read again: a turn may have re-sealed it meanwhile.
      await this.withPipeline(id, async () => {
        const stored = this.store.pipeline(id);
        if (stored && !stored.startsWith(prefix))
          this.store.savePipeline(id, await resealText(this.env, stored, pipelineContext(id)));
      });
    }
    for (const t of stale.turns)
      this.store.replaceTurnState(
        t.conversation_id,
        await resealText(this.env, t.state_before, pipelineContext(t.project_id)),
      );
    return stale.messages.length + stale.events.length + stale.pipelines.length + stale.turns.length;
  }

  /** Everything this object holds, opened: for the account export (features/privacy). */
  async dump(): Promise<ChatDump> {
    const all = this.store.everything();
    return {
      conversations: all.conversations.map((c) => ({
        id: c.id,
        projectId: c.project_id,
        lastAgent: c.last_agent,
        createdAt: new Date(c.created_at).toISOString(),
      })),
      messages: (await openMessages(this.env, all.messages)).map(toMessageView),
      pipelines: await Promise.all(
        all.pipelines.map(async (p) => ({
          projectId: p.project_id,
          state: await openPipeline(this.env, p.project_id, p.state),
        })),
      ),
    };
  }

  /** WebSocket upgrade for one conversation; the Worker has checked ownership and the Upgrade header. */
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const conversationId = url.searchParams.get("conversationId");
    if (!conversationId || request.headers.get("Upgrade")?.toLowerCase() !== "websocket")
      return new Response("Expected a WebSocket upgrade.", { status: 426 });
    const last = url.searchParams.has("lastEventId")
      ? Number(url.searchParams.get("lastEventId"))
      : undefined;
    const durable = await this.missedEvents(conversationId, last);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    // From the last check for logged events on, this is one synchronous step: no event can fall
    // between the replay and the socket's registration.
    this.ctx.acceptWebSocket(server, [conversationId]);
    const { events, complete } = this.replay(conversationId, last, durable);
    for (const e of events) server.send(wsFrame(e));
    // complete: false means more was missed than is replayed; reload with GET /conversations/{id}.
    server.send(JSON.stringify({ type: "ready", conversationId, replayed: events.length, complete }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * The conversation's events as Server-Sent Events, for clients that cannot keep a WebSocket (or
   * whose reply stream broke off): what was missed after `last` (as for a socket), a `ready` event,
   * then every new event for FOLLOW_MS; `retry` makes an EventSource come back with Last-Event-ID.
   */
  async follow(conversationId: string, last: number | undefined): Promise<ReadableStream<Uint8Array>> {
    const durable = await this.missedEvents(conversationId, last);
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const write = (text: string) => writer.write(encoder.encode(text)).catch(() => drop());
    const followers = this.followers.get(conversationId) ?? new Set();
    const drop = () => {
      followers.delete(writer);
      if (followers.size === 0 && this.followers.get(conversationId) === followers)
        this.followers.delete(conversationId);
    };
    // From the last check for logged events on, one synchronous step (as for a socket).
    const { events, complete } = this.replay(conversationId, last, durable);
    write(`retry: ${SSE_RETRY_MS}\n\n`);
    for (const e of events) write(sseFrame(e));
    write(`event: ready\ndata: ${JSON.stringify({ conversationId, replayed: events.length, complete })}\n\n`);
    followers.add(writer);
    this.followers.set(conversationId, followers);
    setTimeout(() => {
      drop();
      writer.close().catch(() => {});
    }, FOLLOW_MS);
    return readable;
  }

  private closeFollowers(conversationId: string) {
    for (const writer of this.followers.get(conversationId) ?? []) writer.close().catch(() => {});
    this.followers.delete(conversationId);
  }

  /**
   * What a socket missed: with a last event id, the durable events after it plus the tokens after
   * it of a reply still being written; without one, just the reply being written so far.
   */
  private replay(
    conversationId: string,
    last: number | undefined,
    durable: Sequenced[],
  ): { events: Sequenced[]; complete: boolean } {
    const complete = durable.length <= MAX_REPLAY;
    const tokens = complete
      ? (this.active.get(conversationId)?.tokens.filter((t) => last === undefined || t.id > last) ?? [])
      : [];
    return { events: [...durable.slice(0, MAX_REPLAY), ...tokens].sort((a, b) => a.id - b.id), complete };
  }

  /**
   * The logged events after `last`, opened. Opening awaits, and events may be logged meanwhile, so it
   * reads again until a synchronous check finds nothing newer; the caller registers its socket
   * without awaiting after that.
   */
  private async missedEvents(conversationId: string, last: number | undefined): Promise<Sequenced[]> {
    if (last === undefined) return [];
    const opened: Sequenced[] = [];
    for (;;) {
      const rows = this.store.eventsAfter(
        conversationId,
        opened.at(-1)?.id ?? last,
        MAX_REPLAY + 1 - opened.length,
      );
      if (rows.length === 0) return opened;
      opened.push(...(await openEvents(this.env, conversationId, rows)));
      if (opened.length > MAX_REPLAY) return opened;
    }
  }

  override async webSocketMessage(ws: WebSocket) {
    ws.send(
      JSON.stringify({
        type: "notice",
        detail:
          "This socket only delivers events; send messages with POST /api/v1/conversations/{id}/messages.",
      }),
    );
  }

  override async webSocketClose(ws: WebSocket) {
    // Echoing the peer's code fails for the reserved ones (1005, 1006): always answer a normal close.
    try {
      ws.close(1000, "closing");
    } catch {
      // already closed
    }
  }
}

/**
 * Message bodies, event-log entries and each project's guide state (the facts drawn from the
 * messages) are stored sealed (lib/sealing.ts) in the user's Durable Object, bound to their
 * conversation or project: rows copied elsewhere do not open.
 */
import { openText, sealText } from "../../lib/sealing";
import type { PipelineState } from "../pipeline/state";
import type { ChatEvent, Sequenced } from "./events";
import type { MessageRow } from "./store";

/** The associated data of a conversation's sealed values. */
export const chatContext = (conversationId: string) => `chat:${conversationId}`;

export const sealBody = (env: Env, conversationId: string, text: string) =>
  sealText(env, text, chatContext(conversationId));

export const openBody = (env: Env, conversationId: string, stored: string) =>
  openText(env, stored, chatContext(conversationId));

export const openMessages = (env: Env, rows: MessageRow[]): Promise<MessageRow[]> =>
  Promise.all(rows.map(async (r) => ({ ...r, content: await openBody(env, r.conversation_id, r.content) })));

/** A durable event's log entry: the event without its id (the row's key), sealed. */
export const sealEvent = (env: Env, event: ChatEvent) =>
  sealBody(env, event.conversationId, JSON.stringify(event));

export const openEvents = (
  env: Env,
  conversationId: string,
  rows: { id: number; body: string }[],
): Promise<Sequenced[]> =>
  Promise.all(
    rows.map(
      async (r) =>
        ({
          ...(JSON.parse(await openBody(env, conversationId, r.body)) as ChatEvent),
          id: r.id,
        }) as Sequenced,
    ),
  );

/** The associated data of a project's sealed guide state. */
export const pipelineContext = (projectId: string) => `pipeline:${projectId}`;

export const sealPipeline = (env: Env, projectId: string, state: PipelineState) =>
  sealText(env, JSON.stringify(state), pipelineContext(projectId));

export const openPipeline = async (env: Env, projectId: string, stored: string) =>
  JSON.parse(await openText(env, stored, pipelineContext(projectId))) as PipelineState;

/**
 * The chat's domain functions for the HTTP routes. Each one first finds the conversation or project
 * in D1 by id AND owner (404 otherwise), then works in the caller's own Durable Object.
 */
import { newId } from "../../lib/crypto";
import { decodeCursor, encodeCursor, keysetPage } from "../../lib/cursor";
import type { Database } from "../../lib/db";
import { notFound, Problem } from "../../lib/problem";
import { toBrief, type BriefView } from "../pipeline/brief";
import type { AgentId } from "../pipeline/catalogue";
import { initialState } from "../pipeline/state";
import { touchProject } from "../projects/queries";
import { requireProject } from "../projects/service";
import * as q from "./queries";
import type { ConversationView } from "./schemas";
import { userChat } from "../../lib/user-chat";
import type { Refusal, SendResult } from "./user-chat";
import type { Deps } from "../../lib/deps";

type User = { id: string };

const toView = (r: q.ConversationRow): ConversationView => ({
  id: r.id,
  projectId: r.projectId,
  title: r.title,
  agent: r.agent,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

async function requireConversation(db: Database, owner: User, id: string) {
  const found = await q.findConversation(db, { id, ownerId: owner.id });
  if (!found) throw notFound("conversation");
  return found;
}

const refusal = (r: Refusal) =>
  new Problem(r.status, r.detail, r.retryAfter ? { headers: { "Retry-After": String(r.retryAfter) } } : {});

export async function createConversation(
  { db }: Pick<Deps, "db">,
  owner: User,
  projectId: string,
  input: { title?: string; agent?: AgentId },
) {
  await requireProject({ db }, owner.id, projectId);
  const now = Date.now();
  const row: q.ConversationRow = {
    id: newId(now),
    projectId,
    ownerId: owner.id,
    title: input.title ?? "New conversation",
    agent: input.agent ?? "product",
    createdAt: now,
    updatedAt: now,
  };
  await db.batch([
    q.insertConversation(db, row),
    touchProject(db, { id: projectId, ownerId: owner.id, now }),
  ]);
  return toView(row);
}

export async function listConversations(
  { db }: Pick<Deps, "db">,
  owner: User,
  projectId: string,
  page: { cursor?: string; limit: number },
) {
  await requireProject({ db }, owner.id, projectId);
  const rows = await q.listConversations(db, {
    ownerId: owner.id,
    projectId,
    cursor: decodeCursor(page.cursor),
    limit: page.limit,
  });
  return keysetPage(rows, page.limit, toView, (last) => ({ v: last.updatedAt, id: last.id }));
}

export async function getConversation(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  page: { cursor?: string; limit: number },
) {
  const { conversation } = await requireConversation(db, owner, id);
  const cursor = decodeCursor(page.cursor);
  const messages = await userChat(env, owner).messages(id, { beforeSeq: cursor?.v, limit: page.limit });
  return {
    ...toView(conversation),
    lastEventId: messages.lastEventId,
    messages: {
      items: messages.items,
      nextCursor: messages.next ? encodeCursor({ v: messages.next.seq, id: messages.next.id }) : null,
    },
  };
}

export async function updateConversation(
  { db }: Pick<Deps, "db">,
  owner: User,
  id: string,
  patch: { title?: string; agent?: AgentId },
) {
  const row = await q.updateConversation(db, { id, ownerId: owner.id, patch, now: Date.now() });
  if (!row) throw notFound("conversation");
  return toView(row);
}

/** The index row goes first: if the Durable Object step fails, what is left is unreachable, not half-listed. */
export async function deleteConversation({ env, db }: Pick<Deps, "env" | "db">, owner: User, id: string) {
  if (!(await q.deleteConversation(db, { id, ownerId: owner.id }))) throw notFound("conversation");
  await userChat(env, owner).deleteConversation(id);
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  // Reverse proxies must pass each event on at once instead of buffering the stream.
  "X-Accel-Buffering": "no",
};

type TurnBase = Parameters<ReturnType<typeof userChat>["rerun"]>[0];

/**
 * Starts a turn in the conversation and answers with its reply's event stream (message, token…,
 * done | error). `background` keeps work alive after the response (the request's waitUntil):
 * bumping the conversation and project in the listings goes there, so the first token never waits
 * on a D1 write (tens of milliseconds from a location far from the database).
 */
async function streamTurn(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  background: (work: Promise<unknown>) => void,
  start: (chat: ReturnType<typeof userChat>, base: TurnBase) => Promise<SendResult>,
): Promise<Response> {
  const { conversation, projectName } = await requireConversation(db, owner, id);
  const result = await start(userChat(env, owner), {
    ownerId: owner.id,
    conversationId: id,
    projectId: conversation.projectId,
    projectName,
    agent: conversation.agent,
  });
  if (!result.ok) throw refusal(result);
  const now = Date.now();
  background(
    db
      .batch([
        q.touchConversation(db, { id, ownerId: owner.id, now }),
        touchProject(db, { id: conversation.projectId, ownerId: owner.id, now }),
      ])
      .catch((e: unknown) => {
        // Only the listings' order is at stake; the message and its reply are saved in the object.
        console.error(
          JSON.stringify({
            level: "error",
            msg: "touching the conversation failed",
            conversationId: id,
            error: String(e),
          }),
        );
      }),
  );
  return new Response(result.stream, {
    headers: { ...SSE_HEADERS, "X-Message-Id": result.messageId, "X-Reply-Id": result.replyId },
  });
}

/** Sends a message; the reply streams back. */
export const sendMessage = (
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  content: string,
  background: (work: Promise<unknown>) => void,
) => streamTurn({ env, db }, owner, id, background, (chat, base) => chat.send({ ...base, content }));

/** Writes the last reply again (it is removed first); the new one streams back. */
export const regenerate = (
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  background: (work: Promise<unknown>) => void,
) => streamTurn({ env, db }, owner, id, background, (chat, base) => chat.rerun(base));

/** Replaces the last user message and runs its turn again from where it started. */
export const editLastMessage = (
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  edit: { messageId: string; content: string },
  background: (work: Promise<unknown>) => void,
) => streamTurn({ env, db }, owner, id, background, (chat, base) => chat.rerun({ ...base, edit }));

/** Stops the reply being written; what it wrote so far is saved, marked stopped. */
export async function stopReply(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
): Promise<void> {
  await requireConversation(db, owner, id);
  const result = await userChat(env, owner).stop(id);
  if (!result.ok) throw refusal(result);
}

export async function getMessage(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  messageId: string,
) {
  await requireConversation(db, owner, id);
  const message = await userChat(env, owner).message(id, messageId);
  if (!message) throw notFound("message");
  return message;
}

export const chatUsage = ({ env }: Pick<Deps, "env">, owner: User) => userChat(env, owner).usage();

export async function openSocket(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  lastEventId: number | undefined,
): Promise<Response> {
  await requireConversation(db, owner, id);
  const url = new URL("https://user-chat/ws");
  url.searchParams.set("conversationId", id);
  if (lastEventId !== undefined) url.searchParams.set("lastEventId", String(lastEventId));
  return userChat(env, owner).fetch(new Request(url, { headers: { Upgrade: "websocket" } }));
}

/** The conversation's events as Server-Sent Events from `lastEventId` on (GET …/events). */
export async function followEvents(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  id: string,
  lastEventId: number | undefined,
): Promise<Response> {
  await requireConversation(db, owner, id);
  return new Response(await userChat(env, owner).follow(id, lastEventId), { headers: SSE_HEADERS });
}

export async function projectBrief(
  { env, db }: Pick<Deps, "env" | "db">,
  owner: User,
  projectId: string,
): Promise<BriefView> {
  const project = await requireProject({ db }, owner.id, projectId);
  const state = await userChat(env, owner).pipeline(projectId);
  return toBrief(projectId, state ?? initialState(project.name, project.createdAt), state !== null);
}

/**
 * /conversations/{id}: the chat page, sending a message without script (the reply is awaited, then
 * the page reloads), retrying a reply (regenerate: the Retry of a reply a restart cut off), and
 * switching the guide. The page script streams replies through the API instead.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Context } from "hono";
import { ConversationIdParam, SendMessageBody, UpdateConversationBody } from "../../features/chat/schemas";
import * as chat from "../../features/chat/service";
import { requireProject } from "../../features/projects/service";
import type { AppEnv } from "../../lib/app-env";
import { database } from "../../lib/db";
import { notFound } from "../../lib/problem";
import { recentArtifacts } from "../projects/data";
import { readForm, submit, type FormState } from "../forms";
import { requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import { ChatPage, type ChatMessage } from "./pages";
import { deps } from "../../lib/deps";

const HISTORY = 50;

function conversationId(raw: string): string {
  const parsed = ConversationIdParam.safeParse({ id: raw });
  if (!parsed.success) throw notFound("conversation");
  return parsed.data.id;
}

async function renderChat(
  c: Context<AppEnv>,
  id: string,
  form?: FormState,
  status: 200 | 400 | 409 | 422 | 429 = 200,
) {
  const user = c.get("user")!;
  const db = database(c.env);
  const conv = await chat.getConversation({ env: c.env, db }, user, id, {
    cursor: c.req.query("cursor") || undefined,
    limit: HISTORY,
  });
  const [project, artifacts, usage] = await Promise.all([
    requireProject({ db }, user.id, conv.projectId),
    recentArtifacts(c, { projectId: conv.projectId, limit: 20 }),
    chat.chatUsage(deps(c), user),
  ]);
  const messages = [...conv.messages.items].reverse() as ChatMessage[];
  return c.html(
    <ChatPage
      v={viewOf(c)}
      conversation={conv}
      projectName={project.name}
      messages={messages}
      olderCursor={conv.messages.nextCursor}
      artifacts={artifacts}
      usage={usage}
      form={form}
    />,
    status,
  );
}

export const chatPages = new Hono<AppEnv>()
  .use(requireSignedIn)
  .get("/:id", (c) => renderChat(c, conversationId(c.req.param("id"))))
  .post("/:id/messages", async (c) => {
    const id = conversationId(c.req.param("id"));
    const done = await submit(SendMessageBody, await readForm(c), async ({ content }) => {
      const res = await chat.sendMessage(deps(c), c.get("user")!, id, content, (work) =>
        c.executionCtx.waitUntil(work),
      );
      // Reading the stream to its end waits for the reply to be saved before the page reloads.
      await res.text();
    });
    if (!done.ok) return renderChat(c, id, done.form, done.status as 422);
    return c.redirect(`/conversations/${id}#chat-end`, 303);
  })
  // Retry (regenerate) without script: waits for the new reply, then the page reloads with it.
  .post("/:id/regenerate", async (c) => {
    const id = conversationId(c.req.param("id"));
    const done = await submit(z.object({}), await readForm(c), async () => {
      const res = await chat.regenerate(deps(c), c.get("user")!, id, (work) =>
        c.executionCtx.waitUntil(work),
      );
      await res.text();
    });
    if (!done.ok) return renderChat(c, id, done.form, done.status as 409);
    return c.redirect(`/conversations/${id}#chat-end`, 303);
  })
  .post("/:id/agent", async (c) => {
    const id = conversationId(c.req.param("id"));
    const done = await submit(UpdateConversationBody, await readForm(c), (input) =>
      chat.updateConversation(deps(c), c.get("user")!, id, input),
    );
    if (!done.ok) return renderChat(c, id, done.form, done.status as 422);
    return c.redirect(`/conversations/${id}`, 303);
  });

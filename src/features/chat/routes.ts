/**
 * /conversations/{id}…: read, rename, switch agent, delete, talk (SSE) and listen (WebSocket); and
 * /projects/{id}/conversations and /projects/{id}/brief. Handlers parse, authorize, call, respond.
 */
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser, sessionUser, userFromToken } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { badRequest, forbidden, Problem, unauthorized } from "../../lib/problem";
import { validate } from "../../lib/validate";
import { Brief } from "../pipeline/brief";
import { PageQuery, ProjectIdParam } from "../projects/schemas";
import {
  Conversation,
  ConversationDetail,
  ConversationIdParam,
  ConversationPage,
  CreateConversationBody,
  Message,
  MessageParam,
  MessagesQuery,
  SendMessageBody,
  Usage,
  SocketQuery,
  UpdateConversationBody,
} from "./schemas";
import * as chat from "./service";
import { deps } from "../../lib/deps";

const tag = "chat";

/**
 * Browsers cannot put headers on a WebSocket request. The web app's pages open the socket with the
 * session cookie (like any same-origin request; the Origin must be this site's, so another site's
 * page cannot open it with the visitor's cookie). Other clients send the access token in the
 * Authorization header or as `access_token` in the query (RFC 6750 §2.3). Request logs never include
 * query strings.
 */
const requireSocketUser = createMiddleware<AppEnv>(async (c, next) => {
  const header =
    c.req.header("Authorization") ??
    (c.req.query("access_token") ? `Bearer ${c.req.query("access_token")}` : undefined);
  let user = await userFromToken(c.env, header);
  if (!header) {
    const origin = c.req.header("Origin");
    if (origin !== undefined && origin !== new URL(c.req.url).origin)
      throw forbidden("This socket accepts the session cookie from this site's pages only.");
    user = await sessionUser(c);
  }
  if (!user) throw unauthorized();
  c.set("user", user);
  await next();
});

/** Where a reconnecting client resumes: `lastEventId` in the query, else the Last-Event-ID header. */
function resumeFrom(query: number | undefined, header: string | undefined): number | undefined {
  if (header !== undefined && !/^\d{1,15}$/.test(header))
    throw badRequest("Last-Event-ID must be an event id.", [
      { field: "Last-Event-ID", message: "Not an event id" },
    ]);
  return query ?? (header !== undefined ? Number(header) : undefined);
}

/** What the routes that stream a reply answer: the events, or why there is no reply to write. */
const replyStream = (conflict: string) => ({
  200: { description: "text/event-stream of the reply", mediaType: "text/event-stream" },
  409: { description: conflict },
  429: { description: "Rate limit or daily quota; see Retry-After" },
});

/** The reply is written after the response starts: the request stays alive until it is saved. */
const untilSaved = (c: Context<AppEnv>) => (work: Promise<unknown>) => c.executionCtx.waitUntil(work);

export const conversationRoutes = new Hono<AppEnv>()
  .get(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "read:projects",
      summary: "A conversation with its messages, newest first, cursor-paged",
      responses: { 200: { description: "The conversation", schema: ConversationDetail } },
    }),
    requireUser,
    validate("param", ConversationIdParam),
    validate("query", MessagesQuery),
    async (c) =>
      c.json(
        await chat.getConversation(deps(c), currentUser(c), c.req.valid("param").id, c.req.valid("query")),
      ),
  )
  .patch(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Rename a conversation or switch its agent",
      responses: { 200: { description: "The conversation", schema: Conversation } },
    }),
    requireUser,
    validate("param", ConversationIdParam),
    validate("json", UpdateConversationBody),
    async (c) =>
      c.json(
        await chat.updateConversation(deps(c), currentUser(c), c.req.valid("param").id, c.req.valid("json")),
      ),
  )
  .delete(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Delete a conversation and its messages",
      responses: { 204: { description: "Deleted" } },
    }),
    requireUser,
    validate("param", ConversationIdParam),
    async (c) => {
      await chat.deleteConversation(deps(c), currentUser(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .post(
    "/:id/messages",
    describe({
      tag,
      auth: "required",
      scope: "chat",
      summary:
        "Send a message; the reply streams back as Server-Sent Events (message, token…, done or error)",
      responses: replyStream("A reply is still being written"),
    }),
    requireUser,
    validate("param", ConversationIdParam),
    validate("json", SendMessageBody),
    async (c) =>
      chat.sendMessage(
        deps(c),
        currentUser(c),
        c.req.valid("param").id,
        c.req.valid("json").content,
        untilSaved(c),
      ),
  )
  .post(
    "/:id/stop",
    describe({
      tag,
      auth: "required",
      summary:
        "Stop the reply being written; what it wrote so far is saved, marked stopped, and ends with done (or error code stopped if nothing was written)",
      responses: {
        204: { description: "Stopping; the reply's stream ends with its done or error event" },
        409: { description: "No reply is being written" },
      },
    }),
    requireUser,
    validate("param", ConversationIdParam),
    async (c) => {
      await chat.stopReply(deps(c), currentUser(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .post(
    "/:id/regenerate",
    describe({
      tag,
      auth: "required",
      summary:
        "Write the last reply again: the replies after the last user message are removed (event removed) and a new one streams back as Server-Sent Events",
      responses: replyStream(
        "A reply is being written, there is no turn to run again, or another conversation of the project has moved on",
      ),
    }),
    requireUser,
    validate("param", ConversationIdParam),
    async (c) => chat.regenerate(deps(c), currentUser(c), c.req.valid("param").id, untilSaved(c)),
  )
  .get(
    "/:id/messages/:messageId",
    describe({
      tag,
      auth: "required",
      summary: "One message with its Markdown (to copy it)",
      responses: { 200: { description: "The message", schema: Message } },
    }),
    requireUser,
    validate("param", MessageParam),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      return c.json(await chat.getMessage(deps(c), currentUser(c), id, messageId));
    },
  )
  .put(
    "/:id/messages/:messageId",
    describe({
      tag,
      auth: "required",
      summary:
        "Edit the last user message and run its turn again from where it started: later replies are removed, the message is sent again (event message, same id) and the new reply streams back",
      responses: replyStream("Not the last user message, a reply is being written, or the project moved on"),
    }),
    requireUser,
    validate("param", MessageParam),
    validate("json", SendMessageBody),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      return chat.editLastMessage(
        deps(c),
        currentUser(c),
        id,
        { messageId, content: c.req.valid("json").content },
        untilSaved(c),
      );
    },
  )
  .get(
    "/:id/ws",
    describe({
      tag,
      auth: "required",
      summary:
        "WebSocket of the conversation's events for every open tab (a bearer token in the header or access_token, or the web app's session cookie); reconnect with lastEventId (or Last-Event-ID) to resume",
      responses: {
        101: { description: "Switching protocols" },
        403: { description: "The session cookie came from another site's page" },
        426: { description: "Not a WebSocket upgrade" },
      },
    }),
    validate("param", ConversationIdParam),
    validate("query", SocketQuery),
    requireSocketUser,
    async (c) => {
      if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
        throw new Problem(426, "This endpoint speaks WebSocket only.", { headers: { Upgrade: "websocket" } });
      return chat.openSocket(
        deps(c),
        currentUser(c),
        c.req.valid("param").id,
        resumeFrom(c.req.valid("query").lastEventId, c.req.header("Last-Event-ID")),
      );
    },
  )
  .get(
    "/:id/events",
    describe({
      tag,
      auth: "required",
      summary:
        "The conversation's events as Server-Sent Events, like the WebSocket (same auth): what was missed after lastEventId (or Last-Event-ID, which EventSource sends when it reconnects), a ready event, then new events for five minutes; reconnect to go on",
      responses: { 200: { description: "text/event-stream of events", mediaType: "text/event-stream" } },
    }),
    validate("param", ConversationIdParam),
    validate("query", SocketQuery),
    requireSocketUser,
    async (c) =>
      chat.followEvents(
        deps(c),
        currentUser(c),
        c.req.valid("param").id,
        resumeFrom(c.req.valid("query").lastEventId, c.req.header("Last-Event-ID")),
      ),
  );

export const projectChatRoutes = new Hono<AppEnv>()
  .post(
    "/:id/conversations",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Start a conversation in a project",
      responses: { 201: { description: "Created", schema: Conversation } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    validate("json", CreateConversationBody),
    async (c) => {
      const created = await chat.createConversation(
        deps(c),
        currentUser(c),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(created, 201, { Location: `/api/v1/conversations/${created.id}` });
    },
  )
  .get(
    "/:id/conversations",
    describe({
      tag,
      auth: "required",
      scope: "read:projects",
      summary: "A project's conversations, most recently active first",
      responses: { 200: { description: "A page", schema: ConversationPage } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    validate("query", PageQuery),
    async (c) =>
      c.json(
        await chat.listConversations(deps(c), currentUser(c), c.req.valid("param").id, c.req.valid("query")),
      ),
  )
  .get(
    "/:id/brief",
    describe({
      tag,
      auth: "required",
      scope: "read:projects",
      summary: "What the guide has learned: facts per stage, what is missing, the next step",
      responses: { 200: { description: "The brief", schema: Brief } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    async (c) => c.json(await chat.projectBrief(deps(c), currentUser(c), c.req.valid("param").id)),
  );

/** /chat/usage: the caller's daily message quota. */
export const chatUsageRoutes = new Hono<AppEnv>().get(
  "/usage",
  describe({
    tag,
    auth: "required",
    summary: "Messages left today (each send, regenerate or edit counts) and when the count resets",
    responses: { 200: { description: "The quota", schema: Usage } },
  }),
  requireUser,
  async (c) => c.json(await chat.chatUsage(deps(c), currentUser(c))),
);

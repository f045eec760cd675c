/** Shapes of conversations and messages; the same schemas validate requests and document them. */
import { z } from "zod";
import { writtenText } from "../../lib/validate";
import { AGENT_IDS } from "../pipeline/catalogue";
import { idParam } from "../../lib/validate";

export const ConversationIdParam = idParam("conversation");
export const MessageParam = ConversationIdParam.extend({
  messageId: idParam("message").shape.id,
});
export const MAX_MESSAGE_CHARS = 8000;

const Agent = z.enum(AGENT_IDS).describe("The guide who answers: product, design or brand");
const Title = writtenText("The title", 100);

export const CreateConversationBody = z.strictObject({ title: Title.optional(), agent: Agent.optional() });

export const UpdateConversationBody = z
  .strictObject({ title: Title.optional(), agent: Agent.optional() })
  .refine((b) => b.title !== undefined || b.agent !== undefined, "Change the title, the agent or both");

export const SendMessageBody = z.strictObject({
  content: writtenText("The message", MAX_MESSAGE_CHARS),
});

export const MessagesQuery = z.object({
  cursor: z.string().max(300).optional().describe("nextCursor of the previous page: older messages"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SocketQuery = z.object({
  lastEventId: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The id of the last event this client saw; the rest is replayed"),
  access_token: z
    .string()
    .max(4096)
    .optional()
    .describe("For browsers, which cannot set headers on a WebSocket: the access token"),
});

export const Conversation = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  agent: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ConversationPage = z.object({ items: z.array(Conversation), nextCursor: z.string().nullable() });

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  role: z.enum(["user", "assistant"]),
  agent: z.string(),
  content: z.string().describe("Markdown"),
  createdAt: z.string(),
  stopped: z.boolean().optional().describe("The user stopped this reply; it is saved as far as it got"),
  interrupted: z
    .boolean()
    .optional()
    .describe(
      "A restart (a deploy, an evicted object) cut this reply off; it is saved as far as it got. Retry with POST /conversations/{id}/regenerate",
    ),
});

export const Usage = z.object({
  perDay: z.number().int(),
  usedToday: z.number().int(),
  leftToday: z.number().int().describe("Messages (each send, regenerate or edit counts) left today"),
  resetsAt: z.string().describe("When the daily count starts again (midnight UTC)"),
});

export const ConversationDetail = Conversation.extend({
  lastEventId: z
    .number()
    .int()
    .describe("Open the WebSocket with this lastEventId to get every event after this read"),
  messages: z.object({ items: z.array(Message).describe("Newest first"), nextCursor: z.string().nullable() }),
});

export type ConversationView = z.infer<typeof Conversation>;

/**
 * What the chat streams, and how. Every event gets an id from the user's Durable Object that only
 * ever grows, so a client that remembers the last id it saw can ask for exactly what came after.
 * The same events go out as SSE frames (POST …/messages) and as WebSocket JSON frames (…/ws).
 */

export interface MessageView {
  id: string;
  conversationId: string;
  role: "user" | "assistant";
  agent: string;
  content: string;
  createdAt: string;
  /** The user stopped the reply: it is saved as far as it got. */
  stopped?: boolean;
}

export type ChatEvent =
  /** A message was saved (the user's, before the model runs), or edited (the same id again). */
  | { type: "message"; conversationId: string; message: MessageView }
  /** Messages taken out of the conversation: the replies to a turn that is being run again. */
  | { type: "removed"; conversationId: string; messageIds: string[] }
  /** A piece of the reply being written; the pieces of one reply join to its `done` message. */
  | { type: "token"; conversationId: string; replyId: string; text: string }
  | { type: "done"; conversationId: string; replyId: string; message: MessageView }
  | {
      type: "error";
      conversationId: string;
      replyId: string;
      code: "model_error" | "timeout" | "interrupted" | "stopped";
      detail: string;
    }
  /** Artifact generation news from the generation hook. */
  | {
      type: "generation";
      conversationId: string;
      artifactType: string;
      status: string;
      detail?: string;
      jobId?: string;
      artifactId?: string;
      progress?: number;
      version?: number;
    }
  /** Research news: a search the guide started, and how it ended. */
  | {
      type: "research";
      conversationId: string;
      query: string;
      status: string;
      jobId?: string;
      resultCount?: number;
      detail?: string;
    };

export type Sequenced = ChatEvent & { id: number };

/** Tokens are kept only while their reply is written; the rest is logged for resuming clients. */
export const isDurable = (e: ChatEvent) => e.type !== "token";

export function sseFrame(e: Sequenced): string {
  const { id, type, ...data } = e;
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const wsFrame = (e: Sequenced) => JSON.stringify(e);

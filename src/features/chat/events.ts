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
  /** A restart (a deploy, an evicted object) cut the reply off: saved as far as it got; retry with regenerate. */
  interrupted?: boolean;
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
      code: "model_error" | "timeout" | "stopped";
      detail: string;
    }
  /**
   * The reply was cut off by a restart of the user's object; the next instance saves it as far as
   * its last checkpoint (`message`, marked interrupted: the conversation shows it with a retry) and
   * sends this to the sockets, the event streams and the log for clients that reconnect.
   */
  | { type: "interrupted"; conversationId: string; replyId: string; message: MessageView; detail: string }
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

/** What the conversation shows under a reply a restart cut off (the page and its script alike). */
export const INTERRUPTED_NOTE = "A restart cut this reply off; it is saved as far as it got.";

/** Tokens are kept only while their reply is written; the rest is logged for resuming clients. */
export const isDurable = (e: ChatEvent) => e.type !== "token";

export function sseFrame(e: Sequenced): string {
  const { id, type, ...data } = e;
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const wsFrame = (e: Sequenced) => JSON.stringify(e);

/**
 * The SQLite tables inside a user's Durable Object, and named queries over them. Only the owner's
 * DO ever opens these tables, so no query needs an owner id: the DO itself is the boundary.
 *
 * - conversations: per-conversation runtime state (which agent spoke last).
 * - messages: every message; `seq` orders them and pages them. Bodies are sealed (sealed.ts).
 * - pipelines: one project's guide state (JSON, see pipeline/state.ts), sealed.
 * - events: the durable events (messages, done, errors, generation news) of the last day, for
 *   clients that reconnect, sealed; tokens are not logged (the `done` event carries the whole text).
 * - replies: replies being written, with their agent and their text so far (sealed, saved every
 *   CHECKPOINT_MS while tokens arrive), so a reply cut off by a restart (a deploy, an eviction,
 *   `wrangler dev` reloading) is saved as far as it got, marked interrupted, and reported.
 * - usage: message counters for the rate limit and the daily quota.
 * - turns: each conversation's last turn: its user message and the project's guide state (sealed)
 *   from before it, so the turn can be run again (regenerate, edit) from where it started. `version`
 *   is the project's turn count then: a turn in another conversation since makes it stale.
 * - meta: the event id high-water mark, and each project's turn count (`turns:<projectId>`).
 */
import type { AgentId } from "../pipeline/catalogue";
import type { MessageView, Sequenced } from "./events";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, last_agent TEXT, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_project ON conversations (project_id);
CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL,
  role TEXT NOT NULL, agent TEXT NOT NULL, content TEXT NOT NULL, model TEXT, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, seq);
CREATE TABLE IF NOT EXISTS pipelines (project_id TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation_id, id);
CREATE TABLE IF NOT EXISTS replies (conversation_id TEXT PRIMARY KEY, reply_id TEXT NOT NULL, started_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS usage (bucket TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS turns (conversation_id TEXT PRIMARY KEY, project_id TEXT NOT NULL, message_id TEXT NOT NULL, state_before TEXT, version INTEGER NOT NULL);
`;

/** Columns added after a table's first release; objects created before get them on start. */
const ADDED_COLUMNS: { table: string; column: string; ddl: string }[] = [
  // A reply the user stopped: saved as far as it got.
  {
    table: "messages",
    column: "stopped",
    ddl: "ALTER TABLE messages ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0",
  },
  // A reply cut off by a restart: saved as far as its last checkpoint.
  {
    table: "messages",
    column: "interrupted",
    ddl: "ALTER TABLE messages ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0",
  },
  { table: "replies", column: "agent", ddl: "ALTER TABLE replies ADD COLUMN agent TEXT" },
  { table: "replies", column: "partial", ddl: "ALTER TABLE replies ADD COLUMN partial TEXT" },
];

/** How long resuming clients can find durable events. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** At most this many events are replayed to a reconnecting socket; beyond that it should reload. */
export const MAX_REPLAY = 500;

export type MessageRow = {
  seq: number;
  id: string;
  conversation_id: string;
  role: string;
  agent: string;
  content: string;
  created_at: number;
  stopped?: number;
  interrupted?: number;
};
export type TurnRow = { message_id: string; state_before: string | null; version: number };
type EventRow = { id: number; body: string };
type CountRow = { count: number };
type ValueRow = { value: number };
type StateRow = { state: string };
type AgentRow = { last_agent: string | null };
type ReplyRow = {
  conversation_id: string;
  reply_id: string;
  agent: string | null;
  partial: string | null;
  started_at: number;
};
type IdRow = { id: string };

export const toMessageView = (r: MessageRow): MessageView => ({
  id: r.id,
  conversationId: r.conversation_id,
  role: r.role as MessageView["role"],
  agent: r.agent,
  content: r.content,
  createdAt: new Date(r.created_at).toISOString(),
  ...(r.stopped ? { stopped: true } : {}),
  ...(r.interrupted ? { interrupted: true } : {}),
});

const MESSAGE_COLUMNS = "seq, id, conversation_id, role, agent, content, created_at, stopped, interrupted";

export class ChatStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    for (const { table, column, ddl } of ADDED_COLUMNS) {
      const has = sql
        .exec<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .toArray()
        .some((c) => c.name === column);
      if (!has) sql.exec(ddl);
    }
  }

  ensureConversation({ id, projectId, now }: { id: string; projectId: string; now: number }) {
    this.sql.exec(
      "INSERT OR IGNORE INTO conversations (id, project_id, created_at) VALUES (?, ?, ?)",
      id,
      projectId,
      now,
    );
  }

  conversationExists(id: string): boolean {
    return this.sql.exec<IdRow>("SELECT id FROM conversations WHERE id = ?", id).toArray().length > 0;
  }

  lastAgent(id: string): AgentId | null {
    return (
      (this.sql.exec<AgentRow>("SELECT last_agent FROM conversations WHERE id = ?", id).toArray()[0]
        ?.last_agent as AgentId | undefined) ?? null
    );
  }

  setLastAgent(id: string, agent: AgentId) {
    this.sql.exec("UPDATE conversations SET last_agent = ? WHERE id = ?", agent, id);
  }

  conversationIdsOfProject(projectId: string): string[] {
    return this.sql
      .exec<IdRow>("SELECT id FROM conversations WHERE project_id = ?", projectId)
      .toArray()
      .map((r) => r.id);
  }

  deleteConversation(id: string) {
    this.sql.exec("DELETE FROM messages WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM events WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM replies WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM turns WHERE conversation_id = ?", id);
    this.sql.exec("DELETE FROM conversations WHERE id = ?", id);
  }

  insertMessage(m: {
    id: string;
    conversationId: string;
    role: "user" | "assistant";
    agent: AgentId;
    content: string;
    model?: string;
    now: number;
    stopped?: boolean;
    interrupted?: boolean;
  }): MessageView {
    this.sql.exec(
      "INSERT INTO messages (id, conversation_id, role, agent, content, model, created_at, stopped, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      m.id,
      m.conversationId,
      m.role,
      m.agent,
      m.content,
      m.model ?? null,
      m.now,
      m.stopped ? 1 : 0,
      m.interrupted ? 1 : 0,
    );
    return {
      id: m.id,
      conversationId: m.conversationId,
      role: m.role,
      agent: m.agent,
      content: m.content,
      createdAt: new Date(m.now).toISOString(),
      ...(m.stopped ? { stopped: true } : {}),
      ...(m.interrupted ? { interrupted: true } : {}),
    };
  }

  message(conversationId: string, id: string): MessageRow | undefined {
    return this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id = ?`,
        conversationId,
        id,
      )
      .toArray()[0];
  }

  lastUserMessage(conversationId: string): MessageRow | undefined {
    return this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY seq DESC LIMIT 1`,
        conversationId,
      )
      .toArray()[0];
  }

  messagesAfter(conversationId: string, seq: number): string[] {
    return this.sql
      .exec<IdRow>(
        "SELECT id FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq",
        conversationId,
        seq,
      )
      .toArray()
      .map((r) => r.id);
  }

  /** Deletes the messages after `seq` (the replies to a turn being run again); returns their ids. */
  deleteMessagesAfter(conversationId: string, seq: number): string[] {
    return this.sql
      .exec<IdRow>(
        "DELETE FROM messages WHERE conversation_id = ? AND seq > ? RETURNING id",
        conversationId,
        seq,
      )
      .toArray()
      .map((r) => r.id);
  }

  turn(conversationId: string): TurnRow | undefined {
    return this.sql
      .exec<TurnRow>(
        "SELECT message_id, state_before, version FROM turns WHERE conversation_id = ?",
        conversationId,
      )
      .toArray()[0];
  }

  /** Records a conversation's new last turn and counts it for its project; returns the new count. */
  saveTurn(t: {
    conversationId: string;
    projectId: string;
    messageId: string;
    stateBefore: string | null;
  }): number {
    const version = (this.meta(`turns:${t.projectId}`) ?? 0) + 1;
    this.setMeta(`turns:${t.projectId}`, version);
    this.sql.exec(
      "INSERT OR REPLACE INTO turns (conversation_id, project_id, message_id, state_before, version) VALUES (?, ?, ?, ?, ?)",
      t.conversationId,
      t.projectId,
      t.messageId,
      t.stateBefore,
      version,
    );
    return version;
  }

  projectTurns(projectId: string): number {
    return this.meta(`turns:${projectId}`) ?? 0;
  }

  /** Newest first, strictly before `beforeSeq`; one extra row tells whether there is a next page. */
  messagesPage(conversationId: string, beforeSeq: number | undefined, limit: number): MessageRow[] {
    return this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        conversationId,
        beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      )
      .toArray();
  }

  /** The newest `limit` messages, oldest first: the history a model sees. */
  recentMessages(conversationId: string, limit: number): MessageRow[] {
    return this.messagesPage(conversationId, undefined, limit - 1).reverse();
  }

  /** The project's sealed state (sealed.ts), or null before its first turn. */
  pipeline(projectId: string): string | null {
    return (
      this.sql.exec<StateRow>("SELECT state FROM pipelines WHERE project_id = ?", projectId).toArray()[0]
        ?.state ?? null
    );
  }

  savePipeline(projectId: string, sealed: string) {
    this.sql.exec(
      "INSERT INTO pipelines (project_id, state) VALUES (?, ?) ON CONFLICT (project_id) DO UPDATE SET state = excluded.state",
      projectId,
      sealed,
    );
  }

  deletePipeline(projectId: string) {
    this.sql.exec("DELETE FROM pipelines WHERE project_id = ?", projectId);
    this.sql.exec("DELETE FROM meta WHERE key = ?", `turns:${projectId}`);
  }

  /** `body` is the event's sealed log entry (sealed.ts). */
  logEvent(e: Sequenced, body: string, now: number) {
    this.sql.exec(
      "INSERT INTO events (id, conversation_id, body, created_at) VALUES (?, ?, ?, ?)",
      e.id,
      e.conversationId,
      body,
      now,
    );
  }

  eventsAfter(conversationId: string, afterId: number, limit: number): EventRow[] {
    return this.sql
      .exec<EventRow>(
        "SELECT id, body FROM events WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?",
        conversationId,
        afterId,
        limit,
      )
      .toArray();
  }

  pruneEvents(now: number) {
    this.sql.exec("DELETE FROM events WHERE created_at < ?", now - EVENT_RETENTION_MS);
  }

  startReply(r: { conversationId: string; replyId: string; agent: AgentId; now: number }) {
    this.sql.exec(
      "INSERT OR REPLACE INTO replies (conversation_id, reply_id, agent, partial, started_at) VALUES (?, ?, ?, NULL, ?)",
      r.conversationId,
      r.replyId,
      r.agent,
      r.now,
    );
  }

  /** The reply's text so far, sealed; an update only, so a checkpoint that lands after the end writes nothing. */
  checkpointReply(conversationId: string, replyId: string, partial: string) {
    this.sql.exec(
      "UPDATE replies SET partial = ? WHERE conversation_id = ? AND reply_id = ?",
      partial,
      conversationId,
      replyId,
    );
  }

  endReply(conversationId: string) {
    this.sql.exec("DELETE FROM replies WHERE conversation_id = ?", conversationId);
  }

  unfinishedReplies(): {
    conversationId: string;
    replyId: string;
    agent: string | null;
    partial: string | null;
    startedAt: number;
  }[] {
    return this.sql
      .exec<ReplyRow>("SELECT conversation_id, reply_id, agent, partial, started_at FROM replies")
      .toArray()
      .map((r) => ({
        conversationId: r.conversation_id,
        replyId: r.reply_id,
        agent: r.agent,
        partial: r.partial,
        startedAt: r.started_at,
      }));
  }

  /** Everything the object holds about its user's conversations, for the account export. */
  everything() {
    return {
      conversations: this.sql
        .exec<{ id: string; project_id: string; last_agent: string | null; created_at: number }>(
          "SELECT id, project_id, last_agent, created_at FROM conversations",
        )
        .toArray(),
      messages: this.sql.exec<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages ORDER BY seq`).toArray(),
      pipelines: this.sql
        .exec<{ project_id: string; state: string }>("SELECT project_id, state FROM pipelines")
        .toArray(),
    };
  }

  /** Sealed values whose envelope does not begin with `prefix` (the current key's), for key rotation. */
  staleSealed(prefix: string) {
    const n = prefix.length;
    return {
      messages: this.sql
        .exec<{ id: string; conversation_id: string; content: string }>(
          "SELECT id, conversation_id, content FROM messages WHERE substr(content, 1, ?) <> ?",
          n,
          prefix,
        )
        .toArray(),
      events: this.sql
        .exec<{ id: number; conversation_id: string; body: string }>(
          "SELECT id, conversation_id, body FROM events WHERE substr(body, 1, ?) <> ?",
          n,
          prefix,
        )
        .toArray(),
      pipelines: this.sql
        .exec<{ project_id: string }>(
          "SELECT project_id FROM pipelines WHERE substr(state, 1, ?) <> ?",
          n,
          prefix,
        )
        .toArray(),
      turns: this.sql
        .exec<{ conversation_id: string; project_id: string; state_before: string }>(
          "SELECT conversation_id, project_id, state_before FROM turns WHERE state_before IS NOT NULL AND substr(state_before, 1, ?) <> ?",
          n,
          prefix,
        )
        .toArray(),
    };
  }

  replaceTurnState(conversationId: string, stateBefore: string) {
    this.sql.exec("UPDATE turns SET state_before = ? WHERE conversation_id = ?", stateBefore, conversationId);
  }

  replaceMessageContent(id: string, content: string) {
    this.sql.exec("UPDATE messages SET content = ? WHERE id = ?", content, id);
  }

  replaceEventBody(id: number, body: string) {
    this.sql.exec("UPDATE events SET body = ? WHERE id = ?", body, id);
  }

  usage(bucket: string): number {
    return (
      this.sql.exec<CountRow>("SELECT count FROM usage WHERE bucket = ?", bucket).toArray()[0]?.count ?? 0
    );
  }

  countUsage(bucket: string, expiresAt: number, now: number) {
    this.sql.exec(
      "INSERT INTO usage (bucket, count, expires_at) VALUES (?, 1, ?) ON CONFLICT (bucket) DO UPDATE SET count = count + 1",
      bucket,
      expiresAt,
    );
    this.sql.exec("DELETE FROM usage WHERE expires_at < ?", now);
  }

  meta(key: string): number | undefined {
    return this.sql.exec<ValueRow>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
  }

  setMeta(key: string, value: number) {
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }
}

/**
 * Personal data, declared where it lives. Each feature that stores something about a user exports
 * one PersonalData: the D1 tables it keeps it in, its sections of the account export, and its part
 * of erasure. Account export and erasure (features/privacy) run over the list of declarations
 * (features/privacy/personal-data.ts) instead of reaching into each feature's tables, and a test
 * fails when a D1 table with an owner or user column is in no declaration.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./db";
import type { userChat } from "./user-chat";
import type { ZipEntry } from "./zip";

/** What the user's Durable Object holds, opened (UserChat.dump): messages and the guide's state. */
export type UserChatDump = Awaited<ReturnType<ReturnType<typeof userChat>["dump"]>>;

export interface ExportContext {
  env: Env;
  db: Database;
  userId: string;
  chat: UserChatDump;
}

/** One section of the export: its files, listed with the description and count in the manifest. */
export interface ExportSection {
  name: string;
  description: string;
  collect(ctx: ExportContext): Promise<{ files: ZipEntry[]; count: number }>;
}

export interface ErasureContext {
  env: Env;
  db: Database;
  user: { id: string; email: string };
}

/** D1 statements for the erasure's one batch (a transaction). */
export type Statement = BatchItem<"sqlite">;

/**
 * A feature's part of one erasure, read before anything is deleted. Erasure deletes the user row
 * last in its batch, which cascades to every table that references it; a plan adds what that does
 * not reach, each step idempotent so that a failed erasure can be run again.
 */
export interface ErasurePlan {
  /** Run once, before the first sweep (e.g. stop the Durable Object and delete its storage). */
  stop?: () => Promise<void>;
  /** Outside D1 (R2 objects): run before the batch and again after it, for late writes. */
  sweep?: () => Promise<void>;
  /**
   * KV cache entries: run once, a KV write interval after the batch committed (KV refuses a second
   * write to a key within a second, and a read just before the batch may have filled one), so the
   * entries filled before the commit go and those filled after it hold nothing of the user.
   */
  sweepCaches?: () => Promise<void>;
  /** In the batch, before the user row is deleted. */
  before?: Statement[];
  /** In the batch, after the user row (and its cascade) is gone: recounts, clean-ups. */
  after?: Statement[];
  /** What the erasure's audit entry (user.erased) counts, by name. */
  counts?: Record<string, number>;
}

export interface PersonalData {
  /** Where it lives, for messages: "features/artifacts", "lib/audit". */
  owner: string;
  /** Every D1 table holding this data, by the name D1 knows. */
  tables: readonly SQLiteTable[];
  export: readonly ExportSection[];
  erase?: (ctx: ErasureContext) => Promise<ErasurePlan>;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const jsonFile = (name: string, value: unknown): ZipEntry => ({
  name,
  data: JSON.stringify(value, null, 2),
});

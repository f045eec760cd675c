/**
 * Named D1 queries of the conversation index. Every one takes the owner's id; messages themselves
 * are in the owner's Durable Object, not here.
 */
import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import { conversations, projects } from "../../db/schema";
import type { Cursor } from "../../lib/cursor";
import type { Database } from "../../lib/db";

export type ConversationRow = typeof conversations.$inferSelect;

export const insertConversation = (db: Database, row: ConversationRow) =>
  db.insert(conversations).values(row);

/** The conversation with its project's name, which the guide uses as the first product name. */
export const findConversation = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .select({ conversation: conversations, projectName: projects.name })
    .from(conversations)
    .innerJoin(projects, eq(projects.id, conversations.projectId))
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .get();

export const listConversations = (
  db: Database,
  {
    ownerId,
    projectId,
    cursor,
    limit,
  }: { ownerId: string; projectId: string; cursor?: Cursor; limit: number },
) =>
  db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.projectId, projectId),
        eq(conversations.ownerId, ownerId),
        cursor?.v !== undefined
          ? or(
              lt(conversations.updatedAt, cursor.v),
              and(eq(conversations.updatedAt, cursor.v), lt(conversations.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit + 1);

export const updateConversation = (
  db: Database,
  {
    id,
    ownerId,
    patch,
    now,
  }: {
    id: string;
    ownerId: string;
    patch: { title?: string; agent?: ConversationRow["agent"] };
    now: number;
  },
) =>
  db
    .update(conversations)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .returning()
    .get();

export const deleteConversation = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .returning({ id: conversations.id })
    .get();

export const touchConversation = (
  db: Database,
  { id, ownerId, now }: { id: string; ownerId: string; now: number },
) =>
  db
    .update(conversations)
    .set({ updatedAt: now })
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)));

/** Every conversation of an owner (the account export). */
export const conversationsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(conversations).where(eq(conversations.ownerId, ownerId));

/** Everyone who has a conversation, a page at a time in id order (re-sealing every user's chat). */
export const conversationOwners = (db: Database, { after, limit }: { after?: string; limit: number }) =>
  db
    .selectDistinct({ id: conversations.ownerId })
    .from(conversations)
    .where(after ? gt(conversations.ownerId, after) : undefined)
    .orderBy(asc(conversations.ownerId))
    .limit(limit);

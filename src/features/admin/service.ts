/** What admins can do to accounts. Plain functions over D1; every change is audited in its batch. */
import { and, desc, eq, like, lt } from "drizzle-orm";
import { outbox, users } from "../../db/schema";
import { auditEntry } from "../../lib/audit";
import { decodeCursor, keysetPage } from "../../lib/cursor";
import { conflict, notFound } from "../../lib/problem";
import { endAllSessions } from "../../lib/revocation";
import { findUserById, toUser } from "../auth/queries";
import type { Deps } from "../../lib/deps";

/** Escapes LIKE wildcards so a filter matches its text literally. */
const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listUsers(
  { db }: Pick<Deps, "db">,
  q: { email?: string; cursor?: string; limit: number },
) {
  const after = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        q.email ? like(users.email, likeEscaped(q.email)) : undefined,
        after ? lt(users.id, after.id) : undefined,
      ),
    )
    .orderBy(desc(users.id))
    .limit(q.limit + 1);
  return keysetPage(rows, q.limit, toUser, (last) => ({ id: last.id }));
}

export async function updateUser(
  { db, ctx }: Deps,
  adminId: string,
  userId: string,
  patch: { role?: "user" | "admin"; isActive?: boolean },
) {
  // An admin who demotes or deactivates themselves could leave nobody able to undo it.
  if (adminId === userId) throw conflict("Admins cannot change their own role or status.");
  const before = await findUserById(db, { id: userId });
  if (!before) throw notFound("user");
  const now = Date.now();
  await db.batch([
    db
      .update(users)
      .set({ ...patch, updatedAt: now })
      .where(eq(users.id, userId)),
    // Deactivation ends every session at once; the owner's share links stop answering while inactive.
    ...(patch.isActive === false ? endAllSessions(db, { userId, now }) : []),
    auditEntry(db, ctx, {
      event: "user.updated_by_admin",
      actorId: adminId,
      subjectId: userId,
      detail: { before: { role: before.role, isActive: before.isActive }, after: patch },
    }),
  ]);
  return toUser({ ...before, ...patch, updatedAt: now });
}

export async function readOutbox({ db }: Pick<Deps, "db">) {
  const rows = await db.select().from(outbox).orderBy(desc(outbox.id)).limit(100);
  return { items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) };
}

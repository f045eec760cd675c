/**
 * Erasure: removes everything of one user from D1, R2, KV and their Durable Object, and corrects
 * what their activity changed in other people's data (scores on others' creations, tag counts).
 * What to remove is each feature's own declaration (personal-data.ts); this runs their plans.
 *
 * Order, so that a failure part-way can simply be run again (every step is idempotent):
 * 1. deactivate the account and revoke its sessions, so nothing new is written meanwhile;
 * 2. every plan is read (ids, keys), then stopped (the Durable Object's storage) and swept (R2, KV);
 * 3. one D1 batch (a transaction): the plans' statements (e.g. take back the user's scores from
 *    other creations' running sums; delete their audit entries and mail); delete the user row, which
 *    cascades to every table that names them; the plans' clean-ups (recount their tags); record that
 *    an erasure happened, pseudonymously;
 * 4. the sweeps once more, for anything a job still running wrote meanwhile, and the KV caches once,
 *    a KV write interval after the batch (KV takes one write a second per key).
 * A half-done erasure leaves a deactivated account that an admin can erase again.
 */
import { auditEntry } from "../../lib/audit";
import type { Deps } from "../../lib/deps";
import type { ErasurePlan, Statement } from "../../lib/personal-data";
import { conflict, notFound, Problem } from "../../lib/problem";
import { pseudonym } from "../../lib/pseudonym";
import { KV_WRITE_INTERVAL_MS } from "../../lib/cache";
import { hit } from "../../lib/rate-limit";
import { endAllSessions } from "../../lib/revocation";
import { verifyPassword } from "../auth/passwords";
import { deactivateUser, deleteUser, findUserById } from "../auth/queries";
import { PERSONAL_DATA } from "./personal-data";

/** Who asked: the user themselves (after their password) or an admin. */
export type ErasureRequest = { by: "self" } | { by: "admin"; adminId: string };

export async function eraseUser({ db, env, ctx }: Deps, userId: string, request: ErasureRequest) {
  const user = await findUserById(db, { id: userId });
  if (!user) throw notFound("user");
  const now = Date.now();
  await db.batch([deactivateUser(db, { id: userId, now }), ...endAllSessions(db, { userId, now })]);

  const plans: ErasurePlan[] = [];
  for (const data of PERSONAL_DATA) if (data.erase) plans.push(await data.erase({ env, db, user }));
  const sweep = () => Promise.all(plans.map((p) => p.sweep?.()));

  for (const plan of plans) await plan.stop?.();
  await sweep();

  const statements: Statement[] = [
    ...plans.flatMap((p) => p.before ?? []),
    deleteUser(db, { id: userId }),
    ...plans.flatMap((p) => p.after ?? []),
    auditEntry(
      db,
      { requestId: ctx.requestId },
      {
        event: "user.erased",
        actorId: request.by === "admin" ? request.adminId : null,
        subjectId: await pseudonym(env, userId),
        detail: Object.assign({ by: request.by }, ...plans.map((p) => p.counts ?? {})),
      },
    ),
  ];
  await db.batch(statements as [Statement, ...Statement[]]);
  const committed = Date.now();

  // Reads between the first sweep and the batch may have cached the old data again.
  await sweep();
  // Caches are swept once, after the batch: entries filled from then on hold nothing of the user.
  // KV refuses a delete within a second of the key's last write, and a read just before the batch
  // may have filled an entry, so the sweep starts a full write interval after the commit.
  await scheduler.wait(Math.max(0, committed + KV_WRITE_INTERVAL_MS - Date.now()));
  await Promise.all(plans.map((p) => p.sweepCaches?.()));
}

/** DELETE /users/me: the password confirms it is really the user, limited like a login. */
export async function eraseMyself(deps: Deps, userId: string, password: string) {
  const { db, env } = deps;
  const user = await findUserById(db, { id: userId });
  if (!user) throw notFound("user");
  await hit(env, "loginPerEmail", user.email);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new Problem(403, "The password is wrong; the account was not deleted.", {
      errors: [{ field: "password", message: "Wrong password" }],
    });
  }
  await eraseUser(deps, userId, { by: "self" });
}

export async function eraseByAdmin(deps: Deps, adminId: string, userId: string) {
  if (adminId === userId) throw conflict("Admins erase their own account with DELETE /users/me.");
  await eraseUser(deps, userId, { by: "admin", adminId });
}

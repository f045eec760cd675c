/** A user's own profile, for the API (/users/me) and the account page alike. */
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { notFound } from "../../lib/problem";
import { findUserById, toUser } from "../auth/queries";
import { afterGalleryChange, galleryChanged } from "../creations/cache";
import type { Deps } from "../../lib/deps";

export async function profile({ db }: Pick<Deps, "db">, { id }: { id: string }) {
  const row = await findUserById(db, { id });
  if (!row) throw notFound("user");
  return toUser(row);
}

/** Only the fields a user may change about themselves (UpdateMeBody); never role, status or email. */
export async function updateProfile(
  { db }: Pick<Deps, "db">,
  { id, displayName }: { id: string; displayName: string },
) {
  // Gallery views carry the owner's display name: after a rename, none may show the old one.
  await db.batch([
    db.update(users).set({ displayName, updatedAt: Date.now() }).where(eq(users.id, id)),
    galleryChanged(db),
  ]);
  afterGalleryChange();
  return profile({ db }, { id });
}

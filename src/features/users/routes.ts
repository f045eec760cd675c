/** /users/me: the signed-in user's own profile and password, and (features/privacy) their data rights. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { users } from "../../db/schema";
import { auditContext } from "../../lib/audit";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { validate } from "../../lib/validate";
import { findUserById, toUser } from "../auth/queries";
import { ChangePasswordBody, UpdateMeBody, User } from "../auth/schemas";
import { changePassword } from "../auth/service";
import { meRoutes } from "../privacy/routes";

async function me(env: Env, id: string) {
  const row = await findUserById(database(env), { id });
  if (!row) throw notFound("user");
  return toUser(row);
}

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/me", describe({ tag: "users", auth: "required", summary: "My profile", responses: { 200: { description: "Me", schema: User } } }), async (c) =>
    c.json(await me(c.env, currentUser(c).id)),
  )
  .patch(
    "/me",
    describe({ tag: "users", auth: "required", summary: "Change my display name", responses: { 200: { description: "Me", schema: User } } }),
    validate("json", UpdateMeBody),
    async (c) => {
      const { id } = currentUser(c);
      await database(c.env).update(users).set({ ...c.req.valid("json"), updatedAt: Date.now() }).where(eq(users.id, id));
      return c.json(await me(c.env, id));
    },
  )
  .patch(
    "/me/password",
    describe({
      tag: "users",
      auth: "required",
      summary: "Change my password (needs the current one; ends my other sessions)",
      responses: { 204: { description: "Changed" } },
    }),
    validate("json", ChangePasswordBody),
    async (c) => {
      const db = database(c.env);
      await changePassword({ db, env: c.env, ctx: auditContext(c) }, currentUser(c).id, c.req.valid("json"));
      return c.body(null, 204);
    },
  )
  // Consents, export and erasure (features/privacy), behind this group's requireUser.
  .route("/me", meRoutes);

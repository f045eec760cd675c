/** /users/me: the signed-in user's own profile and password, and (features/privacy) their data rights. */
import { Hono } from "hono";
import { auditContext } from "../../lib/audit";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { ChangePasswordBody, UpdateMeBody, User } from "../auth/schemas";
import { changePassword } from "../auth/service";
import { profile, updateProfile } from "./service";
import { meRoutes } from "../privacy/routes";
import { deps } from "../../lib/deps";

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    "/me",
    describe({
      tag: "users",
      auth: "required",
      scope: "account:read",
      summary: "My profile",
      responses: { 200: { description: "Me", schema: User } },
    }),
    async (c) => c.json(await profile(deps(c), { id: currentUser(c).id })),
  )
  .patch(
    "/me",
    describe({
      tag: "users",
      auth: "required",
      summary: "Change my display name",
      responses: { 200: { description: "Me", schema: User } },
    }),
    validate("json", UpdateMeBody),
    async (c) =>
      c.json(await updateProfile({ db: database(c.env) }, { id: currentUser(c).id, ...c.req.valid("json") })),
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

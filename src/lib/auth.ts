/**
 * Authentication middleware. Identity always comes from a verified access token and a fresh read of
 * the user row, so deactivation and role changes take effect on the next request, not at token expiry.
 */
import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { users } from "../db/schema";
import { verifyAccessToken } from "../features/auth/tokens";
import type { AppEnv, AuthUser } from "./app-env";
import { database } from "./db";
import { forbidden, unauthorized } from "./problem";
import { hit } from "./rate-limit";

export async function userFromToken(env: Env, header: string | undefined): Promise<AuthUser | undefined> {
  if (!header) return undefined;
  const [scheme, token] = header.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) throw unauthorized("Use an Authorization: Bearer <token> header.");
  const id = await verifyAccessToken(env, token);
  const row = await database(env)
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, isActive: users.isActive })
    .from(users)
    .where(eq(users.id, id))
    .get();
  if (!row || !row.isActive) throw unauthorized("This account no longer exists or is deactivated.");
  const { isActive: _active, ...user } = row;
  return user;
}

/** Signed-in callers are identified; anonymous ones pass. A token that is present must be valid. */
export const optionalUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await userFromToken(c.env, c.req.header("Authorization"));
  if (user) c.set("user", user);
  await next();
});

/** Only signed-in, active users pass; their state-changing requests count against a write quota. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await userFromToken(c.env, c.req.header("Authorization"));
  if (!user) throw unauthorized();
  c.set("user", user);
  if (c.req.method !== "GET" && c.req.method !== "HEAD") await hit(c.env, "writesPerUser", user.id);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get("user");
  if (!user) throw unauthorized();
  if (user.role !== "admin") throw forbidden("Admins only.");
  await next();
});

/** The signed-in user of a route behind requireUser. */
export function currentUser(c: { get(key: "user"): AuthUser | undefined }): AuthUser {
  const user = c.get("user");
  if (!user) throw unauthorized();
  return user;
}

/**
 * /tokens: the signed-in user's personal access tokens. Closed to the tokens themselves (no scope in
 * the markers): a leaked token cannot mint, list or revoke tokens.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { auditContext } from "../../lib/audit";
import { currentUser, requireUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import {
  AccessToken,
  AccessTokenList,
  CreatedToken,
  CreateTokenBody,
  RenameTokenBody,
  TokenIdParam,
} from "./schemas";
import { createToken, listTokens, renameMyToken, revokeMyToken } from "./service";
import { deps } from "../../lib/deps";

const tag = "tokens";

export const tokenRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describe({
      tag,
      auth: "required",
      summary: "My personal access tokens (never their secrets)",
      responses: { 200: { description: "The live tokens, newest first", schema: AccessTokenList } },
    }),
    requireUser,
    async (c) => c.json(await listTokens(deps(c), currentUser(c).id)),
  )
  .post(
    "/",
    describe({
      tag,
      auth: "required",
      summary: "Create a personal access token: the secret is in this response only",
      responses: { 201: { description: "Created", schema: CreatedToken } },
    }),
    requireUser,
    validate("json", CreateTokenBody),
    async (c) => {
      const token = await createToken(
        { db: database(c.env), ctx: auditContext(c) },
        currentUser(c).id,
        c.req.valid("json"),
      );
      return c.json(token, 201, { "Cache-Control": "no-store" });
    },
  )
  .patch(
    "/:id",
    describe({
      tag,
      auth: "required",
      summary: "Rename a token",
      responses: { 200: { description: "The token", schema: AccessToken } },
    }),
    requireUser,
    validate("param", TokenIdParam),
    validate("json", RenameTokenBody),
    async (c) =>
      c.json(
        await renameMyToken(deps(c), currentUser(c).id, c.req.valid("param").id, c.req.valid("json").name),
      ),
  )
  .delete(
    "/:id",
    describe({
      tag,
      auth: "required",
      summary: "Revoke a token: it stops working at once",
      responses: { 204: { description: "Revoked" } },
    }),
    requireUser,
    validate("param", TokenIdParam),
    async (c) => {
      await revokeMyToken(
        { db: database(c.env), ctx: auditContext(c) },
        currentUser(c).id,
        c.req.valid("param").id,
      );
      return c.body(null, 204);
    },
  );

/** /auth: register, login, refresh, logout, password reset. Thin: validate → limit → call → respond. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { clientAddress, hit } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import { limitLogin, limitRegister, resetInBackground } from "./policy";
import {
  LoginBody,
  RefreshBody,
  RegisterBody,
  Registered,
  ResetConfirmBody,
  ResetRequestBody,
  TokenPair,
} from "./schemas";
import * as accounts from "./service";
import { deps } from "../../lib/deps";

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/register",
    describe({
      tag: "auth",
      summary: "Create an account",
      responses: { 201: { description: "Signed up and signed in", schema: Registered } },
    }),
    validate("json", RegisterBody),
    async (c) => {
      const input = c.req.valid("json");
      await limitRegister(c.env, clientAddress(c.req.raw), input.email);
      return c.json(await accounts.register(deps(c), input), 201);
    },
  )
  .post(
    "/login",
    describe({
      tag: "auth",
      summary: "Sign in with email and password",
      responses: { 200: { description: "Tokens", schema: TokenPair } },
    }),
    validate("json", LoginBody),
    async (c) => {
      const input = c.req.valid("json");
      await limitLogin(c.env, clientAddress(c.req.raw), input.email);
      return c.json(await accounts.login(deps(c), input));
    },
  )
  .post(
    "/refresh",
    describe({
      tag: "auth",
      summary: "Trade a refresh token for new tokens (rotation)",
      responses: { 200: { description: "Tokens", schema: TokenPair } },
    }),
    validate("json", RefreshBody),
    async (c) => {
      await hit(c.env, "refreshPerClient", clientAddress(c.req.raw));
      return c.json(await accounts.refresh(deps(c), c.req.valid("json")));
    },
  )
  .post(
    "/logout",
    describe({
      tag: "auth",
      summary: "End the session of a refresh token",
      responses: { 204: { description: "Signed out" } },
    }),
    validate("json", RefreshBody),
    async (c) => {
      await accounts.logout(deps(c), c.req.valid("json"));
      return c.body(null, 204);
    },
  )
  .post(
    "/logout-everywhere",
    describe({
      tag: "auth",
      auth: "required",
      summary:
        "End every session of my account at once: access tokens (this one too), refresh tokens and reset links",
      responses: { 204: { description: "Signed out everywhere" } },
    }),
    requireUser,
    async (c) => {
      await accounts.logoutEverywhere(deps(c), currentUser(c).id);
      return c.body(null, 204);
    },
  )
  .post(
    "/password-reset",
    describe({
      tag: "auth",
      summary: "Email a one-time reset token (answers 202 whether or not the account exists)",
      responses: { 202: { description: "Accepted" } },
    }),
    validate("json", ResetRequestBody),
    async (c) => {
      await resetInBackground(deps(c), (p) => c.executionCtx.waitUntil(p), c.req.valid("json"));
      return c.body(null, 202);
    },
  )
  .post(
    "/password-reset/confirm",
    describe({
      tag: "auth",
      summary: "Set a new password with a reset token",
      responses: { 204: { description: "Password set; sessions ended" } },
    }),
    validate("json", ResetConfirmBody),
    async (c) => {
      await accounts.confirmPasswordReset(deps(c), c.req.valid("json"));
      return c.body(null, 204);
    },
  );

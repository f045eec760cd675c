/**
 * The privacy rights as routes. `meRoutes` is mounted inside /users (behind its requireUser) at
 * /users/me: consents, export, erasure.
 */
import { Hono } from "hono";
import { auditContext } from "../../lib/audit";
import type { AppEnv } from "../../lib/app-env";
import { currentUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { answerConsents, listConsents } from "./consent";
import { ConsentList, ConsentsBody } from "./schemas";

const tag = "privacy";

export const meRoutes = new Hono<AppEnv>()
  .get(
    "/consents",
    describe({ tag, auth: "required", summary: "My consents: every purpose, its current version and my answer", responses: { 200: { description: "Consents", schema: ConsentList } } }),
    async (c) => c.json(await listConsents(database(c.env), currentUser(c).id)),
  )
  .put(
    "/consents",
    describe({ tag, auth: "required", summary: "Give or withdraw consents (each answer is audited)", responses: { 200: { description: "Consents", schema: ConsentList }, 409: { description: "The purpose's text changed since that version" } } }),
    validate("json", ConsentsBody),
    async (c) => c.json(await answerConsents(database(c.env), auditContext(c), currentUser(c).id, c.req.valid("json").consents)),
  );

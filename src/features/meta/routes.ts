/** Health, the OpenAPI document and the docs page. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../lib/app-env";
import { describe } from "../../lib/openapi";

const Health = z.object({ status: z.literal("ok"), time: z.string() });

export const metaRoutes = new Hono<AppEnv>().get(
  "/health",
  describe({ tag: "meta", summary: "Liveness", responses: { 200: { description: "Up", schema: Health } } }),
  (c) => c.json({ status: "ok" as const, time: new Date().toISOString() }),
);

/** /tags: suggestions for the gallery's search box. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { replicaDatabase } from "../../lib/d1-session";
import { sendJson } from "../../lib/json-text";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { cachedSuggestions } from "./cache";
import { suggestTags } from "./queries";
import { TagPrefixQuery, TagSuggestions } from "./schemas";

export const tagRoutes = new Hono<AppEnv>().get(
  "/",
  describe({
    tag: "creations",
    summary: "Tags starting with a prefix, most used first",
    responses: { 200: { description: "Suggestions", schema: TagSuggestions } },
  }),
  validate("query", TagPrefixQuery),
  async (c) => {
    const q = c.req.valid("query");
    const db = replicaDatabase(c);
    return sendJson(
      c,
      await cachedSuggestions(db, c.env.KV, `${q.prefix}:${q.limit}`, async () => ({
        items: await suggestTags(db, q),
      })),
    );
  },
);

/**
 * Reading a feature's configuration from vars and secrets (wrangler.jsonc, .dev.vars, `wrangler
 * secret`), checked once per read: a wrong value is a loud 503 naming the variable, never a silent
 * default. An empty var means "not set", so wrangler.jsonc can list every var with "" as its default.
 */
import type { z } from "zod";
import { Problem } from "./problem";

export function readVars<S extends z.ZodObject>(env: Env, schema: S, what: string): z.infer<S> {
  const source = env as unknown as Record<string, unknown>;
  const raw = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, source[k] === "" ? undefined : source[k]]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    // A rule's own words (a refine's message) say more than the variable's name alone.
    const rules = parsed.error.issues.filter((i) => i.code === "custom").map((i) => ` (${i.message})`);
    throw new Problem(503, `${what} is misconfigured: check ${fields}${rules.join("")}.`);
  }
  return parsed.data;
}

/**
 * Example values for the OpenAPI document, made from the JSON Schemas themselves: a schema's own
 * `examples` (zod `.meta({ examples })`) or `default` first, else a plausible value from its type,
 * format, bounds and property name. Every operation gets request and response examples that match
 * its schemas without anyone writing (and forgetting to update) them by hand.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
// biome-ignore lint/suspicious/noExplicitAny: walks JSON Schema, whose shape is open-ended
type Schema = Record<string, any>;

const ULID_EXAMPLE = "01JE6Q3W8P0000000000000000";
const WHEN = "2026-12-03T12:00:00.000Z";

function stringFor(s: Schema, name: string): string {
  if (s.format === "email" || /email/i.test(name)) return "ada@example.com";
  if (s.format === "date-time" || /At$/.test(name)) return WHEN;
  if (s.format === "uri" || s.format === "url" || /url$/i.test(name)) return "https://example.com/";
  if (/^(id|\w+Id)$/.test(name) || String(s.pattern ?? "").includes("0-9A-HJKMNP-TV-Z")) return ULID_EXAMPLE;
  if (/password/i.test(name)) return "correct horse battery";
  if (/token$/i.test(name)) return "uxp_…";
  if (/cursor/i.test(name)) return "eyJ2IjoxLCJpZCI6IjAxSkU2In0";
  const base = /name|title/i.test(name)
    ? "Plant shop"
    : /body|content/i.test(name)
      ? "# Heading\n\nText."
      : "text";
  return base.length < (s.minLength ?? 0) ? base.padEnd(s.minLength, "x") : base;
}

export function exampleOf(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema | undefined,
  name = "",
  depth = 0,
): Json {
  if (!schema || depth > 8) return null;
  if (schema.$ref) return exampleOf(resolve(schema.$ref), resolve, name, depth + 1);
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0] as Json;
  if (schema.default !== undefined) return schema.default as Json;
  if (schema.const !== undefined) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    if (Array.isArray(schema[key])) {
      const pick = schema[key].find((s: Schema) => s.type !== "null") ?? schema[key][0];
      return exampleOf(pick, resolve, name, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
        out[k] = exampleOf(v, resolve, k, depth + 1);
      return out;
    }
    case "array":
      return [exampleOf(schema.items, resolve, name.replace(/s$/, ""), depth + 1)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number"
        ? Math.max(schema.minimum, Math.min(1, schema.maximum ?? 1))
        : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      return stringFor(schema, name);
    default:
      return null;
  }
}

/**
 * Request validation with zod, in one place, producing the API's one error shape.
 *
 * - A body that is not the declared media type gets 415; malformed JSON gets 400 (from Hono).
 * - A well-formed request whose fields break the schema gets 422 with one entry per field.
 * Every validator is remembered with its schema so the OpenAPI document can be derived from the
 * routes that really run (see openapi.ts): the schema that validates is the schema that documents.
 */
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import { type ZodType, z } from "zod";
import { Problem, type FieldError } from "./problem";

export type Target = "json" | "form" | "query" | "param";

/** A ULID (lib/crypto.ts newId): the id of every row the API creates. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "Not an id");

/**
 * Text a person must write (a title, a name, a message): spaces alone are refused like nothing at
 * all, with a message that says so. The value is trimmed.
 */
export const writtenText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} cannot be empty (spaces alone do not count)`)
    .max(max, `At most ${max} characters`);

export const validatorSchemas = new WeakMap<MiddlewareHandler, { target: Target; schema: ZodType }>();

const MEDIA_TYPES: Partial<Record<Target, RegExp>> = {
  json: /^application\/([\w.-]+\+)?json$/i,
  form: /^multipart\/form-data$/i,
};

export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }));
}

export function validate<T extends Target, S extends ZodType>(target: T, schema: S) {
  const inner = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new Problem(422, "The request has invalid fields.", { errors: fieldErrors(result.error.issues) });
    }
  });
  const expected = MEDIA_TYPES[target];
  const mw: MiddlewareHandler = async (c, next) => {
    if (expected) {
      const mediaType = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim();
      if (!expected.test(mediaType)) {
        throw new Problem(
          415,
          `Send the body as ${target === "json" ? "application/json" : "multipart/form-data"}.`,
        );
      }
    }
    return inner(c, next);
  };
  validatorSchemas.set(mw, { target, schema });
  return mw as typeof inner;
}

/**
 * Request validation with zod, in one place, producing the API's one error shape.
 *
 * - A body that is not the declared media type gets 415; malformed JSON gets 400 (from Hono).
 * - A well-formed request whose fields break the schema gets 422 with one entry per field.
 * - A path parameter that breaks its schema names nothing that exists: 404, as for an unknown id
 *   (as GitHub's and Stripe's APIs answer), with the schema's message ("No such creation.") as the
 *   detail. Path schemas are built with `pathId` / `idParam` so that message reads as a sentence.
 * Every validator is remembered with its schema so the OpenAPI document can be derived from the
 * routes that really run (see openapi.ts): the schema that validates is the schema that documents.
 */
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import { type ZodType, z } from "zod";
import { Problem, type FieldError } from "./problem";

export type Target = "json" | "form" | "query" | "param";

/** The ids the server makes (crypto.ts `newId`): ULIDs, Crockford base32. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** An id in a body or query: malformed is a 422 field error there, not a 404. */
export const Ulid = z.string().regex(ULID, "Not an id");
/** A path segment naming one `what`; anything else is "No such {what}." (a 404, see above). */
export const pathId = (what: string) => z.string().regex(ULID, `No such ${what}.`);
export const idParam = (what: string) => z.object({ id: pathId(what) });

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
      if (target === "param") throw new Problem(404, result.error.issues[0]?.message ?? "No such resource.");
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

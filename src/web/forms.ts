/**
 * Forms on pages: read the body, validate it with the same zod schemas as the API, run the action, and
 * turn what fails (the schema, or a Problem from a service) into messages beside the fields, so a page
 * can show the form again with what the person typed (never their passwords).
 */
import type { Context } from "hono";
import type { z, ZodType } from "zod";
import { Problem, type FieldError } from "../lib/problem";
import { fieldErrors } from "../lib/validate";
import type { AppEnv } from "../lib/app-env";

export interface FormState {
  /** What was typed, to fill the fields again. Password fields never read it. */
  values: Record<string, string>;
  /** One message per field name. */
  errors: Record<string, string>;
  /** A message about the form as a whole. */
  alert?: string;
}

export const blankForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The form's fields without the CSRF token (which csrfGuard has checked already). */
export async function readForm(c: Context<AppEnv>): Promise<FormBody> {
  const { _csrf: _token, ...fields } = await c.req.parseBody({ all: true });
  return fields;
}

function textValues(body: FormBody): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, v] of Object.entries(body)) {
    const texts = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    if (texts.length) values[name] = texts.join(", ");
  }
  return values;
}

/** "tags.2" → "tags": messages go to the field as the form has it. */
function byField(errors: FieldError[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field.split(".")[0]!] ??= e.message;
  return out;
}

export type Submitted<R> =
  | { ok: true; result: R }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429; form: FormState };

/**
 * Validates `body` with `schema` and runs `act` on the result. Client errors (4xx Problems) become a
 * FormState to show; a refused CSRF token and server errors propagate to the error page.
 */
export async function submit<S extends ZodType, R>(
  schema: S,
  body: FormBody,
  act: (input: z.output<S>) => Promise<R>,
): Promise<Submitted<R>> {
  const values = textValues(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      status: 422,
      form: {
        values,
        errors: byField(fieldErrors(parsed.error.issues)),
        alert: "Please correct the fields marked below.",
      },
    };
  }
  try {
    return { ok: true, result: await act(parsed.data) };
  } catch (e) {
    if (!(e instanceof Problem) || e.status >= 500 || e.extra.code === "csrf") throw e;
    return {
      ok: false,
      status: e.status as 400,
      form: { values, errors: byField(e.extra.errors), alert: e.detail },
    };
  }
}

/** An empty optional field posts "", which the API's schemas read as "not given" only when it is absent. */
export const withoutBlanks = (body: FormBody): FormBody =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== ""));

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

/**
 * The text fields at the start of a multipart body, from at most `maxBytes` of it: enough to show a
 * too-large upload's form again with what was typed (a form's fields come before its file in the
 * body), without keeping the file. Only parts the prefix holds whole count.
 */
export async function leadingFields(
  req: Request,
  maxBytes: number,
  /** Read (and drop) the rest up to this many bytes in all: a browser still sending when the answer
   * comes sees a reset connection, not the page. Past it the rest is left unread. */
  drainBytes = maxBytes,
): Promise<Record<string, string>> {
  const m = /boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(req.headers.get("Content-Type") ?? "");
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary || !req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  for (let read = size; read < drainBytes; ) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += Math.min(chunk.length, bytes.length - at);
  }
  const values: Record<string, string> = {};
  // Each part sits between two delimiters; the last piece may be cut short, so it never counts.
  for (const part of new TextDecoder().decode(bytes).split(`--${boundary}`).slice(1, -1)) {
    const split = part.indexOf("\r\n\r\n");
    const head = part.slice(0, split);
    const name = /;\s*name="([^"]*)"/i.exec(head)?.[1];
    if (split < 0 || !name || /;\s*filename=/i.test(head)) continue;
    values[name] = part.slice(split + 4).replace(/\r\n$/, "");
  }
  return values;
}

export type SearchRead<T> =
  | { ok: true; data: T; raw: Record<string, string | undefined> }
  | { ok: false; raw: Record<string, string | undefined>; form: FormState };

/**
 * A page's search read from its URL: the named query parameters (empty ones count as absent) with
 * `fixed` ones such as the page size, checked by the API's own schema. When it fails, the form to
 * show again, with what was typed and each field's message (the page answers 422).
 */
export function readSearch<S extends ZodType>(
  c: Context<AppEnv>,
  schema: S,
  names: readonly string[],
  fixed: Record<string, unknown>,
  alert: string,
): SearchRead<z.output<S>> {
  const raw = Object.fromEntries(names.map((n) => [n, c.req.query(n) || undefined]));
  const parsed = schema.safeParse({ ...raw, ...fixed });
  if (parsed.success) return { ok: true, data: parsed.data, raw };
  const values = Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const errors = Object.fromEntries(fieldErrors(parsed.error.issues).map((e) => [e.field, e.message]));
  return { ok: false, raw, form: { values, errors, alert } };
}

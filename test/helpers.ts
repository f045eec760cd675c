/** Test helpers: requests against the real Worker (in workerd, with real local bindings). */
import { expect } from "vitest";
import { exports } from "cloudflare:workers";

/** The Worker's default export, running in the same isolate as the tests. */
const worker = (exports as unknown as { default: Fetcher }).default;

let ipCounter = 0;

export async function api(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  return worker.fetch(new Request(`http://uxprt.test/api/v1${path}`, { ...init, headers, body }));
}

export interface Session {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers a fresh user from its own client address, so per-client limits do not couple tests. */
export async function signUp(name = "user", password = "correct horse battery"): Promise<Session> {
  const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await api("/auth/register", {
    method: "POST",
    json: { email, password, displayName: name },
    headers: { "CF-Connecting-IP": `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; accessToken: string; refreshToken: string };
  return { id: body.user.id, email, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

export async function problem(res: Response) {
  expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
  };
}

/** A valid PNG header of the given size (IHDR only: enough for type and dimension checks). */
export function png(width = 2, height = 3): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 0);
  b.set([0x49, 0x48, 0x44, 0x52], 12);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

export function creationForm(fields: {
  title?: string;
  description?: string;
  tags?: string[];
  image?: Uint8Array;
  imageType?: string;
  extra?: Record<string, string>;
}) {
  const form = new FormData();
  if (fields.title !== undefined) form.set("title", fields.title);
  if (fields.description !== undefined) form.set("description", fields.description);
  for (const t of fields.tags ?? []) form.append("tags", t);
  if (fields.image)
    form.set("image", new File([fields.image], "creation.png", { type: fields.imageType ?? "image/png" }));
  for (const [k, v] of Object.entries(fields.extra ?? {})) form.set(k, v);
  return form;
}

export async function publish(token: string, fields: Parameters<typeof creationForm>[0]) {
  const res = await api("/creations", { method: "POST", token, body: creationForm(fields) });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    id: string;
    tags: string[];
    score: { count: number; creativityAvg: number; uniquenessAvg: number; rank: number };
  };
}

/** Polls `path` (a job or a search) until its status is succeeded or failed; returns the last body. */
export async function settled<T extends { status: string }>(
  token: string,
  path: string,
  timeout = 25_000,
): Promise<T> {
  let body: T | undefined;
  await expect
    .poll(
      async () => {
        body = (await (await api(path, { token })).json()) as T;
        return body.status;
      },
      { timeout, interval: 100 },
    )
    .toMatch(/succeeded|failed/);
  return body!;
}

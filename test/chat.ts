/** Test helpers for the guided chat: projects, conversations, the SSE reply stream, WebSockets. */
import { expect } from "vitest";
import type { LanguageModel } from "../src/lib/llm/port";
import { api, signUp } from "./helpers";

export async function giveConsent(token: string, purpose: string) {
  const res = await api("/users/me/consents", {
    method: "PUT",
    token,
    json: { consents: [{ purpose, granted: true }] },
  });
  expect(res.status).toBe(200);
}

export async function newProject(token: string, name = "Pantry Pal") {
  const res = await api("/projects", { method: "POST", token, json: { name } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

export async function newConversation(
  token: string,
  projectId: string,
  body: { title?: string; agent?: string } = {},
) {
  const res = await api(`/projects/${projectId}/conversations`, { method: "POST", token, json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; projectId: string; title: string; agent: string };
}

export interface Frame {
  id: number;
  event: string;
  data: Record<string, any>;
}

/**
 * Parses the reply stream strictly: every frame must be exactly `id: N`, `event: X`, `data: {json}`
 * and a blank line, so a change of wire format fails here rather than in a client.
 */
export function parseSseStrict(text: string): Frame[] {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((block) => {
      const m = block.match(/^id: (\d+)\nevent: ([a-z]+)\ndata: (.+)$/);
      expect(m, `malformed SSE frame: ${JSON.stringify(block)}`).not.toBeNull();
      return { id: Number(m![1]), event: m![2]!, data: JSON.parse(m![3]!) };
    });
}

/** Sends a message and reads the whole SSE reply. */
export async function say(token: string, conversationId: string, content: string) {
  const res = await api(`/conversations/${conversationId}/messages`, {
    method: "POST",
    token,
    json: { content },
  });
  if (res.status !== 200) throw new Error(`send failed: ${res.status} ${await res.text()}`);
  const frames = parseSseStrict(await res.text());
  const done = frames.find((f) => f.event === "done");
  return { res, frames, reply: (done?.data.message.content as string | undefined) ?? "" };
}

export interface Socket {
  ws: WebSocket;
  frames: Record<string, any>[];
  /** Resolves with the first frame (from now or already received) that matches. */
  waitFor(match: (f: Record<string, any>) => boolean, what?: string): Promise<Record<string, any>>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function openSocket(token: string, conversationId: string, query = ""): Promise<Socket> {
  const res = await api(`/conversations/${conversationId}/ws${query}`, {
    token,
    headers: { Upgrade: "websocket" },
  });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: Record<string, any>[] = [];
  const waiters: { match: (f: Record<string, any>) => boolean; resolve: (f: Record<string, any>) => void }[] =
    [];
  ws.accept();
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(String(e.data)) as Record<string, any>;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
  );
  const waitFor = (match: (f: Record<string, any>) => boolean, what = "frame") => {
    const seen = frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, any>>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`timed out waiting for ${what}; got ${JSON.stringify(frames.map((f) => f.type))}`),
          ),
        3000,
      );
      waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  };
  await waitFor((f) => f.type === "ready", "ready");
  return { ws, frames, waitFor, closed };
}

/**
 * A new user with a project and a conversation, who has consented to an outside model: tests that
 * script a model stand it in for an outside one, which needs that consent.
 */
export async function chatSetup(name: string) {
  const me = await signUp(name);
  const project = await newProject(me.accessToken);
  const conv = await newConversation(me.accessToken, project.id);
  await giveConsent(me.accessToken, "external-model");
  return { token: me.accessToken, conv };
}

/**
 * A model that writes one word each time the test says so. The gates are made here, in the test's
 * context: workerd will not let the Durable Object wait on a promise the test would have to settle
 * across contexts otherwise.
 */
export function steppedModel(words: string[]) {
  const gates = words.map(() => {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    return { promise, open };
  });
  let released = 0;
  const model: LanguageModel = {
    name: "stepped",
    // Like the real adapters, it gives up as soon as the reply is aborted (stopped, timed out).
    async *stream(req) {
      const aborted = new Promise<never>((_, reject) => {
        if (req.signal?.aborted) reject(req.signal.reason);
        req.signal?.addEventListener("abort", () => reject(req.signal!.reason), { once: true });
      });
      aborted.catch(() => {});
      for (const [i, w] of words.entries()) {
        await Promise.race([gates[i]!.promise, aborted]);
        yield w;
      }
    },
  };
  const step = (n = 1) => {
    for (const g of gates.slice(released, released + n)) g.open();
    released += n;
  };
  return { model, step };
}

import { afterEach, describe, expect, it, vi } from "vitest";
import { chatSetup as setup, parseSseStrict, say } from "../../../test/chat";
import { api, problem } from "../../../test/helpers";
import { ModelError, type LanguageModel } from "../../lib/llm/port";
import { readChatConfig } from "../../lib/llm/config";
import { chatRuntime } from "../../lib/llm/model";

afterEach(() => vi.restoreAllMocks());

const post = (token: string, id: string, content: string) =>
  api(`/conversations/${id}/messages`, { method: "POST", token, json: { content } });

describe("the reply stream (SSE)", () => {
  it("streams the saved user message, tokens in order, then done with the saved reply", async () => {
    const { token, conv } = await setup("sse");
    const res = await post(token, conv.id, "hello");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toContain("no-cache");
    const frames = parseSseStrict(await res.text());

    expect(frames.map((f) => f.event)).toEqual([
      "message",
      ...frames.slice(1, -1).map(() => "token"),
      "done",
    ]);
    expect(frames.length).toBeGreaterThan(10);
    const ids = frames.map((f) => f.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    const [message, ...rest] = frames;
    const done = rest.pop()!;
    expect(message!.data.message).toMatchObject({
      role: "user",
      content: "hello",
      id: res.headers.get("X-Message-Id"),
    });
    const joined = rest.map((f) => f.data.text).join("");
    expect(done.data.message).toMatchObject({ role: "assistant", content: joined, id: done.data.replyId });
    expect(rest.every((f) => f.data.replyId === done.data.replyId)).toBe(true);

    const saved = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
    expect(saved.messages.items[0]).toEqual(done.data.message);
    expect(saved.messages.items[1]).toEqual(message!.data.message);
  });

  it("saves the user's message before the model runs, and ends with an error event when the model fails", async () => {
    const { token, conv } = await setup("failing-model");
    let savedWhenModelRan: string[] | undefined;
    const failing: LanguageModel = {
      name: "failing",
      async *stream() {
        const page = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
        savedWhenModelRan = page.messages.items.map((m: any) => m.content);
        yield "Half a ";
        throw new ModelError("upstream exploded with secret details", 502);
      },
    };
    vi.spyOn(chatRuntime, "model").mockReturnValue(failing);

    const { frames } = await say(token, conv.id, "Keep this message");
    expect(savedWhenModelRan).toEqual(["Keep this message"]);
    expect(frames.map((f) => f.event)).toEqual(["message", "token", "error"]);
    const error = frames[2]!.data;
    expect(error).toMatchObject({ code: "model_error", replyId: frames[1]!.data.replyId });
    expect(error.detail).toContain("answered 502");
    expect(error.detail).not.toContain("secret");

    const page = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
    expect(page.messages.items.map((m: any) => [m.role, m.content])).toEqual([["user", "Keep this message"]]);
  });

  it("stops a model that takes too long and says so with a timeout error", async () => {
    const { token, conv } = await setup("slow-model");
    vi.spyOn(chatRuntime, "config").mockImplementation((env) => ({ ...readChatConfig(env), timeoutMs: 150 }));
    const hanging: LanguageModel = {
      name: "hanging",
      async *stream(req) {
        yield "Thinking";
        await new Promise((_, reject) =>
          req.signal?.addEventListener("abort", () => reject(req.signal!.reason)),
        );
      },
    };
    vi.spyOn(chatRuntime, "model").mockReturnValue(hanging);
    const started = Date.now();
    const { frames } = await say(token, conv.id, "hello?");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(frames.at(-1)).toMatchObject({ event: "error", data: { code: "timeout" } });
  });

  it("refuses a second message while a reply is being written (409), then accepts it", async () => {
    const { token, conv } = await setup("busy");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    vi.spyOn(chatRuntime, "model").mockReturnValue({
      name: "gated",
      async *stream() {
        await gate;
        yield "ok";
      },
    });
    const first = await post(token, conv.id, "one");
    const second = await post(token, conv.id, "two");
    expect(second.status).toBe(409);
    expect((await problem(second)).status).toBe(409);
    release();
    await first.text();
    const third = await post(token, conv.id, "three");
    expect(third.status).toBe(200);
    await third.text();
  });

  it("accepts 8000 characters and rejects 8001 or only whitespace", async () => {
    const { token, conv } = await setup("lengths");
    expect((await post(token, conv.id, "x".repeat(8001))).status).toBe(422);
    expect((await post(token, conv.id, "   ")).status).toBe(422);
    const ok = await post(token, conv.id, "x".repeat(8000));
    expect(ok.status).toBe(200);
    await ok.text();
  });

  it("needs a token", async () => {
    const { conv } = await setup("anon");
    expect(
      (await api(`/conversations/${conv.id}/messages`, { method: "POST", json: { content: "hi" } })).status,
    ).toBe(401);
  });
});

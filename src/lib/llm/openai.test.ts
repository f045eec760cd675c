import { describe, expect, it } from "vitest";
import { openAICompatible } from "./openai";
import { ModelError, type ModelRequest } from "./port";
import { chunkedBody, completionStream, fakeServer } from "../../../test/fake-fetch";

const sse = (body: ReadableStream<Uint8Array>) =>
  new Response(body, { headers: { "Content-Type": "text/event-stream" } });
const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  system: "You are a guide.",
  messages: [{ role: "user", content: "Hi" }],
  guideReply: "",
  ...over,
});

async function collect(it: AsyncIterable<string>) {
  const out: string[] = [];
  for await (const t of it) out.push(t);
  return out;
}

describe("the OpenAI-compatible adapter", () => {
  it("posts a streaming chat completion with the system prompt, history, model and key", async () => {
    const server = fakeServer(() => sse(chunkedBody(completionStream(["ok"]))));
    const model = openAICompatible({
      baseUrl: "https://llm.test/v1/",
      model: "llama3.1",
      apiKey: "sk-test",
      fetch: server.fetch,
    });
    await collect(model.stream(request({ maxTokens: 300 })));
    const req = server.seen[0]!;
    expect(req.url).toBe("https://llm.test/v1/chat/completions");
    expect(req.headers.get("Authorization")).toBe("Bearer sk-test");
    expect(await req.json()).toEqual({
      model: "llama3.1",
      stream: true,
      max_tokens: 300,
      messages: [
        { role: "system", content: "You are a guide." },
        { role: "user", content: "Hi" },
      ],
    });
  });

  it("yields the deltas in order, however the bytes are split, up to [DONE]", async () => {
    const deltas = ["Hel", "lo, ", "wörld ", "— ", "🎉", "!"];
    for (const sizes of [[1], [3, 5], [64]]) {
      const server = fakeServer(() =>
        sse(
          chunkedBody(
            `${completionStream(deltas)}data: {"choices":[{"delta":{"content":"after done"}}]}\n\n`,
            sizes,
          ),
        ),
      );
      const out = await collect(
        openAICompatible({ baseUrl: "https://llm.test/v1", model: "m", fetch: server.fetch }).stream(
          request(),
        ),
      );
      expect(out).toEqual(deltas);
    }
  });

  it("reads CRLF line endings", async () => {
    const server = fakeServer(() => sse(chunkedBody(completionStream(["a", "b"], "\r\n"), [2])));
    expect(
      await collect(
        openAICompatible({ baseUrl: "https://llm.test/v1", model: "m", fetch: server.fetch }).stream(
          request(),
        ),
      ),
    ).toEqual(["a", "b"]);
  });

  it("turns an OpenAI error response into a ModelError with the provider's message", async () => {
    const server = fakeServer(() =>
      Response.json(
        {
          error: {
            message: "Incorrect API key provided: sk-bad.",
            type: "invalid_request_error",
            param: null,
            code: "invalid_api_key",
          },
        },
        { status: 401 },
      ),
    );
    const err = await collect(
      openAICompatible({
        baseUrl: "https://llm.test/v1",
        model: "m",
        apiKey: "sk-bad",
        fetch: server.fetch,
      }).stream(request()),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.status).toBe(401);
    expect(err.message).toBe("The model endpoint answered 401: Incorrect API key provided: sk-bad.");
  });

  it("fails on an error event in the middle of the stream, after the deltas before it", async () => {
    const body = completionStream(["partial"]).replace(
      "data: [DONE]",
      'data: {"error":{"message":"overloaded"}}',
    );
    const server = fakeServer(() => sse(chunkedBody(body)));
    const got: string[] = [];
    const err = await (async () => {
      for await (const t of openAICompatible({
        baseUrl: "https://llm.test/v1",
        model: "m",
        fetch: server.fetch,
      }).stream(request()))
        got.push(t);
    })().catch((e) => e);
    expect(got).toEqual(["partial"]);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.message).toContain("overloaded");
  });

  it("stops reading when the request is aborted", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('data: {"choices":[{"delta":{"content":"first"}}]}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const server = fakeServer(() => sse(body));
    const got: string[] = [];
    const err = await (async () => {
      for await (const t of openAICompatible({
        baseUrl: "https://llm.test/v1",
        model: "m",
        fetch: server.fetch,
      }).stream(request({ signal: controller.signal }))) {
        got.push(t);
        controller.abort(new Error("timed out"));
      }
    })().catch((e) => e);
    expect(got).toEqual(["first"]);
    expect(err.message).toBe("timed out");
    expect(cancelled).toBe(true);
  });

  it("reports an unreachable endpoint as a ModelError", async () => {
    const fetch = (async () => {
      throw new TypeError("connection refused");
    }) as typeof globalThis.fetch;
    const err = await collect(
      openAICompatible({ baseUrl: "https://llm.test/v1", model: "m", fetch }).stream(request()),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.message).toContain("connection refused");
  });
});

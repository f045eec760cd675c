import { describe, expect, it } from "vitest";
import { ModelError } from "./port";
import { workersAi, type AiRunner } from "./workers-ai";

const stream = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.slice(i, i + 5));
      c.close();
    },
  });

describe("the Workers AI adapter", () => {
  it("runs the model with stream: true and yields the `response` deltas of its SSE stream", async () => {
    const calls: unknown[][] = [];
    const ai: AiRunner = {
      run: async (...args) => {
        calls.push(args);
        return stream(
          'data: {"response":"Hi","p":"ab"}\n\ndata: {"response":" there"}\n\ndata: {"response":"","usage":{"total_tokens":9}}\n\ndata: [DONE]\n\n',
        );
      },
    };
    const out: string[] = [];
    for await (const t of workersAi(ai, "@cf/meta/llama-3.1-8b-instruct").stream({
      system: "S",
      messages: [{ role: "user", content: "U" }],
      guideReply: "",
      maxTokens: 50,
    }))
      out.push(t);
    expect(out).toEqual(["Hi", " there"]);
    expect(calls[0]).toEqual([
      "@cf/meta/llama-3.1-8b-instruct",
      {
        messages: [
          { role: "system", content: "S" },
          { role: "user", content: "U" },
        ],
        stream: true,
        max_tokens: 50,
      },
    ]);
  });

  it("reports a failing binding as a ModelError", async () => {
    const ai: AiRunner = {
      run: async () => Promise.reject(new Error("3040: Capacity temporarily exceeded")),
    };
    const it = workersAi(ai, "m")
      .stream({ system: "", messages: [], guideReply: "" })
      [Symbol.asyncIterator]();
    const err = await it.next().catch((e) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.message).toContain("Capacity temporarily exceeded");
  });
});

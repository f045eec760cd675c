/**
 * Adapter for Workers AI through the AI binding. `AI.run(model, {messages, stream: true})` returns
 * an SSE byte stream of `data: {"response":"…"}` events ending in `data: [DONE]`; models that speak
 * the OpenAI chunk shape instead (`choices[0].delta.content`) are read too.
 */
import { ModelError, type LanguageModel, type ModelRequest } from "./port";
import { readSse } from "./sse";

/** The one method of the AI binding this adapter uses, so tests can stand in for it. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export function workersAi(ai: AiRunner, model: string): LanguageModel {
  return {
    name: `workers-ai:${model}`,
    async *stream(req: ModelRequest) {
      let out: unknown;
      try {
        out = await ai.run(model, {
          messages: [{ role: "system", content: req.system }, ...req.messages],
          stream: true,
          ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
        });
      } catch (e) {
        throw new ModelError(`Workers AI failed: ${(e as Error).message}`);
      }
      if (!(out instanceof ReadableStream)) throw new ModelError("Workers AI did not return a stream.");
      for await (const { data } of readSse(out as ReadableStream<Uint8Array>, req.signal)) {
        if (data === "[DONE]") return;
        let chunk: { response?: string; choices?: { delta?: { content?: string } }[]; error?: string };
        try {
          chunk = JSON.parse(data);
        } catch {
          throw new ModelError("Workers AI sent a chunk that is not JSON.");
        }
        if (chunk.error) throw new ModelError(`Workers AI failed mid-reply: ${chunk.error}`);
        const delta = chunk.response ?? chunk.choices?.[0]?.delta?.content;
        if (delta) yield delta;
      }
    },
  };
}

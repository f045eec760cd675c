/**
 * Adapter for Workers AI through the AI binding. `AI.run(model, {messages, stream: true})` returns
 * an SSE byte stream of `data: {"response":"…"}` events ending in `data: [DONE]`; models that speak
 * the OpenAI chunk shape instead (`choices[0].delta.content`) are read too.
 */
import {
  ModelError,
  type LanguageModel,
  type ModelRequest,
  type ToolAnswer,
  type ToolCall,
  type ToolRequest,
} from "./port";
import { readSse } from "./sse";

/** The one method of the AI binding this adapter uses, so tests can stand in for it. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

/** A call as Workers AI returns it: `{name, arguments}` (traditional) or the OpenAI `{function: …}` shape. */
interface AiToolCall {
  name?: string;
  arguments?: unknown;
  function?: { name?: string; arguments?: unknown };
}

const asText = (args: unknown) => (typeof args === "string" ? args : JSON.stringify(args ?? {}));

function toolCallsOf(out: unknown): ToolAnswer {
  const o = (out ?? {}) as {
    response?: unknown;
    tool_calls?: AiToolCall[];
    choices?: { message?: { content?: string | null; tool_calls?: AiToolCall[] } }[];
  };
  const message = o.choices?.[0]?.message;
  const raw = o.tool_calls ?? message?.tool_calls ?? [];
  const calls: ToolCall[] = raw.map((c) => ({
    name: c.function?.name ?? c.name ?? "",
    arguments: asText(c.function?.arguments ?? c.arguments),
  }));
  const text = typeof o.response === "string" ? o.response : (message?.content ?? "");
  return { text, calls };
}

export function workersAi(ai: AiRunner, model: string): LanguageModel {
  return {
    name: `workers-ai:${model}`,
    /**
     * Workers AI function calling (not streamed): `tools: [{name, description, parameters}]` in,
     * `{response, tool_calls: [{name, arguments}]}` out; models that answer in the OpenAI shape
     * (`tool_calls[].function`, or `choices[0].message.tool_calls`) are read too.
     */
    async callTools(req: ToolRequest): Promise<ToolAnswer> {
      let out: unknown;
      try {
        out = await ai.run(model, {
          messages: [{ role: "system", content: req.system }, ...req.messages],
          tools: req.tools.map((t) => ({
            name: t.name,
            description: t.description,
            parameters: t.parameters,
          })),
          ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
        });
      } catch (e) {
        throw new ModelError(`Workers AI failed: ${(e as Error).message}`);
      }
      if (out instanceof ReadableStream)
        throw new ModelError("Workers AI streamed a reply to a tool request.");
      return toolCallsOf(out);
    },
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

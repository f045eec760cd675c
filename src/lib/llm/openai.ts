/**
 * Adapter for any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, llama.cpp server,
 * vLLM, …): POST {baseUrl}/chat/completions with `stream: true`, read the SSE reply of
 * `data: {"choices":[{"delta":{"content":"…"}}]}` chunks up to `data: [DONE]`.
 *
 * With tools (callTools), the same stream carries `delta.tool_calls` fragments instead of text.
 *
 * Errors arrive either as a non-2xx response with `{"error":{"message":…}}` or as an error object
 * inside the stream; both become ModelError with the provider's message (never the API key).
 */
import {
  ModelError,
  type ChatMessage,
  type LanguageModel,
  type ModelRequest,
  type ToolAnswer,
  type ToolRequest,
} from "./port";
import { transportRefusal } from "../transport";
import { readSse } from "./sse";

export interface OpenAICompatibleOptions {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Injected in tests; the platform's fetch otherwise. */
  fetch?: typeof fetch;
  temperature?: number;
}

interface ToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

interface ChunkShape {
  choices?: {
    delta?: { content?: string | null; tool_calls?: ToolCallDelta[] };
    finish_reason?: string | null;
  }[];
  error?: { message?: string };
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (message) return message;
  } catch {
    // not JSON: fall back to the start of the text
  }
  return text.slice(0, 200) || res.statusText || "no details";
}

export function openAICompatible(options: OpenAICompatibleOptions): LanguageModel {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /** POSTs a streamed completion and yields its parsed chunks up to [DONE]. */
  async function* chunks(
    body: Record<string, unknown>,
    messages: ChatMessage[],
    req: { system: string; maxTokens?: number; signal?: AbortSignal },
  ): AsyncGenerator<ChunkShape> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      Accept: "text/event-stream",
    };
    // The key and the user's words go nowhere the transport rule forbids (lib/transport.ts).
    const refusal = transportRefusal(url, "The model endpoint");
    if (refusal) throw new ModelError(refusal);
    if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers,
        signal: req.signal,
        body: JSON.stringify({
          model: options.model,
          stream: true,
          messages: [{ role: "system", content: req.system }, ...messages],
          ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...body,
        }),
      });
    } catch (e) {
      if (req.signal?.aborted) throw e;
      throw new ModelError(`The model endpoint could not be reached: ${(e as Error).message}`);
    }
    if (!res.ok)
      throw new ModelError(
        `The model endpoint answered ${res.status}: ${await errorMessage(res)}`,
        res.status,
      );
    if (!res.body) throw new ModelError("The model endpoint sent no body.");
    for await (const { data } of readSse(res.body, req.signal)) {
      if (data === "[DONE]") return;
      let chunk: ChunkShape;
      try {
        chunk = JSON.parse(data) as ChunkShape;
      } catch {
        throw new ModelError("The model endpoint sent a chunk that is not JSON.");
      }
      if (chunk.error)
        throw new ModelError(`The model failed mid-reply: ${chunk.error.message ?? "unknown error"}`);
      yield chunk;
    }
    // Servers that close without [DONE] have still sent a whole reply; nothing to do.
  }

  return {
    name: `openai-compatible:${options.model}`,
    async *stream(req: ModelRequest) {
      for await (const chunk of chunks({}, req.messages, req)) {
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) yield delta;
      }
    },
    /**
     * Tool calls in the Chat Completions format: `tools: [{type: "function", function}]`, and in the
     * stream `delta.tool_calls[{index, id, function: {name, arguments}}]` whose `arguments` arrive in
     * fragments, joined per index.
     */
    async callTools(req: ToolRequest): Promise<ToolAnswer> {
      const tools = req.tools.map((t) => ({
        type: "function",
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
      const choice = req.force ? { type: "function", function: { name: req.force } } : "auto";
      let text = "";
      const calls = new Map<number, { name: string; arguments: string }>();
      for await (const chunk of chunks({ tools, tool_choice: choice }, req.messages, req)) {
        const delta = chunk.choices?.[0]?.delta;
        if (delta?.content) text += delta.content;
        for (const d of delta?.tool_calls ?? []) {
          const i = d.index ?? calls.size;
          const call = calls.get(i) ?? { name: "", arguments: "" };
          if (d.function?.name) call.name += d.function.name;
          if (d.function?.arguments) call.arguments += d.function.arguments;
          calls.set(i, call);
        }
      }
      return { text, calls: [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c) };
    },
  };
}

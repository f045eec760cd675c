/** Stand-ins for an outside HTTP service: adapters get this fetch instead of the platform's. */

/** A fetch that answers with `respond` and keeps a copy of every request it was sent. */
export function fakeServer(respond: (req: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push(req.clone());
    return respond(req);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

/** A body that arrives in the given byte-sized pieces, the way a network delivers it. */
export function chunkedBody(text: string, sizes: number[] = [7]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = sizes[i++ % sizes.length]!;
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** What an OpenAI-compatible server sends for a streamed chat completion of these deltas. */
export function completionStream(deltas: string[], eol = "\n") {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}${eol}${eol}`;
  return [
    `: keep-alive${eol}${eol}`,
    chunk({ role: "assistant", content: "" }),
    ...deltas.map((d) => chunk({ content: d })),
    chunk({}, "stop"),
    `data: [DONE]${eol}${eol}`,
  ].join("");
}

/** A streamed completion as the Response an OpenAI-compatible server answers with. */
export const sseResponse = (text: string, sizes?: number[]) =>
  new Response(chunkedBody(text, sizes), { headers: { "Content-Type": "text/event-stream" } });

/**
 * A Server-Sent Events reader (the WHATWG "event stream" format) over a byte stream: events may be
 * split across chunks anywhere, even inside a multi-byte character; lines end in LF, CRLF or CR;
 * comment lines (": keep-alive") are ignored; multi-line data is joined with LF.
 */

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let buffer = "";
  let data: string[] = [];
  let event = "";
  let id: string | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // Cancelling on abort ends the read as if the stream were done: that is not a complete reply.
      if (signal?.aborted) throw signal.reason ?? new DOMException("Aborted", "AbortError");
      if (done) break;
      buffer += value;
      // A trailing CR may be the first half of a CRLF still in flight: keep it for the next chunk.
      const lines = buffer.split(/\r\n|\n|\r(?!$)/);
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "") {
          if (data.length)
            yield { event: event || "message", data: data.join("\n"), ...(id !== undefined ? { id } : {}) };
          data = [];
          event = "";
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") data.push(value);
        else if (field === "event") event = value;
        else if (field === "id") id = value;
      }
    }
    // A stream that ends without the final blank line still delivers its last event.
    if (buffer.replace(/\r$/, "").startsWith("data:"))
      data.push(buffer.replace(/\r$/, "").slice(5).replace(/^ /, ""));
    if (data.length)
      yield { event: event || "message", data: data.join("\n"), ...(id !== undefined ? { id } : {}) };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}

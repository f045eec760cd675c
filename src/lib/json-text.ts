/**
 * A JSON document that may be held as text, as a value, or both, each made from the other only when
 * asked for. Cached reads come out of KV as text and mostly go straight back out as text: not
 * parsing and re-serializing a cached page made warm tag search about 5% faster in an A/B run
 * (docs/PERFORMANCE.md, finding 6). Values are shared by every holder of the document: never mutate one.
 */
import type { Context } from "hono";

export class JsonText<T> {
  #text: string | undefined;
  #value: T | undefined;
  #parsed: boolean;

  private constructor(text: string | undefined, value: T | undefined, parsed: boolean) {
    this.#text = text;
    this.#value = value;
    this.#parsed = parsed;
  }

  static fromText<T>(text: string): JsonText<T> {
    return new JsonText<T>(text, undefined, false);
  }

  static of<T>(value: T): JsonText<T> {
    return new JsonText<T>(undefined, value, true);
  }

  get text(): string {
    return (this.#text ??= JSON.stringify(this.#value));
  }

  get value(): T {
    if (!this.#parsed) {
      this.#value = JSON.parse(this.#text!) as T;
      this.#parsed = true;
    }
    return this.#value as T;
  }
}

/** Sends the document's text as it is, as `c.json` would send its value. */
export const sendJson = (
  c: Context,
  doc: JsonText<unknown>,
  status: 200 | 201 = 200,
  headers?: Record<string, string>,
) => c.body(doc.text, status, { ...headers, "Content-Type": "application/json" });

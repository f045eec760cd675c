/**
 * One guarded outbound call to a search provider. Whatever the adapter, a call:
 * - goes only to a URL the adapter built from configuration (never from user input), over https or,
 *   to a loopback host only, plain http (lib/transport.ts);
 * - does not follow redirects, so a provider cannot send the request (and its key) elsewhere;
 * - is cut off after `timeoutMs`, body included;
 * - reads at most `maxBytes` of body, stream by stream, whatever Content-Length claims;
 * - turns every failure into a SearchError: 429 → rate-limited (with when to retry), 5xx and network
 *   trouble → unavailable, other 4xx → rejected, a body that is not JSON → malformed.
 */
import { transportRefusal } from "../transport";
import { SearchError } from "./port";

export interface OutboundLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface ProviderRequest {
  provider: string;
  url: URL;
  init?: RequestInit;
  limits: OutboundLimits;
  /** Injected in tests; the platform's fetch otherwise. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** The provider's own words from an error body, when its format has them. */
  errorText?(body: unknown): string | undefined;
  /** Seconds until a rate-limited request may be retried, from the provider's own headers. */
  retryAfter?(res: Response): number | undefined;
}

/** `base` with the given query parameters (encoded; the query is user text). */
export function withQuery(base: string | URL, params: Record<string, string | number>): URL {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url;
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfterHeader(res: Response, now = Date.now()): number | undefined {
  const value = res.headers.get("Retry-After");
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function readCapped(res: Response, maxBytes: number, provider: string): Promise<string> {
  const tooLarge = () =>
    new SearchError(`${provider} sent more than ${maxBytes} bytes.`, "malformed", { status: res.status });
  if (Number(res.headers.get("Content-Length") ?? 0) > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Makes the call and returns the parsed JSON body of a 2xx answer. */
export async function fetchProviderJson(req: ProviderRequest): Promise<unknown> {
  const { provider, url, limits } = req;
  const refusal = transportRefusal(url, provider);
  if (refusal) throw new SearchError(refusal, "rejected");
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await (req.fetch ?? fetch)(url, { ...req.init, redirect: "manual", signal });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      throw new SearchError(
        `${provider} answered with a redirect (${res.status}); redirects are not followed.`,
        "rejected",
        { status: res.status },
      );
    }
    text = await readCapped(res, limits.maxBytes, provider);
  } catch (e) {
    if (e instanceof SearchError) throw e;
    if (timeout.aborted)
      throw new SearchError(`${provider} did not answer within ${limits.timeoutMs} ms.`, "unavailable");
    if (req.signal?.aborted) throw e;
    throw new SearchError(`${provider} could not be reached: ${(e as Error).message}`, "unavailable");
  }
  const body = parseJson(text);
  if (!res.ok) {
    const words =
      (body !== undefined && req.errorText?.(body)) ||
      text
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 200) ||
      res.statusText;
    const message = `${provider} answered ${res.status}: ${words}`;
    if (res.status === 429)
      throw new SearchError(message, "rate-limited", {
        status: 429,
        retryAfterSeconds: req.retryAfter?.(res) ?? retryAfterHeader(res),
      });
    throw new SearchError(message, res.status >= 500 || res.status === 408 ? "unavailable" : "rejected", {
      status: res.status,
    });
  }
  if (body === undefined)
    throw new SearchError(`${provider} sent a body that is not JSON.`, "malformed", { status: res.status });
  return body;
}

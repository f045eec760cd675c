/**
 * The one rule for where the Worker may call out to a configured service (a search provider, a
 * model endpoint): https anywhere, plain http only to a loopback host. Plain http crosses networks
 * readable and rewritable by anyone on the path, so a key or a user's words sent over it are
 * exposed; loopback never leaves the machine, which is how a self-hosted SearXNG or Ollama is run
 * beside `wrangler dev`. Every outbound adapter and every base-URL setting checks this one function,
 * so the rule and its message are the same everywhere.
 */
import { z } from "zod";

export const TRANSPORT_RULE =
  "use https; plain http is allowed only to a loopback host (localhost, 127.0.0.0/8 or [::1])";

/** localhost, *.localhost (RFC 6761), 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why `url` may not be called, naming the rule; undefined when it may. */
export function transportRefusal(url: string | URL, what: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${what} is not a URL`;
  }
  if (u.protocol === "https:") return undefined;
  if (u.protocol === "http:" && isLoopbackHost(u.hostname)) return undefined;
  return `${what} is ${u.protocol}//${u.host}: ${TRANSPORT_RULE}`;
}

/** A base-URL setting that must follow the rule; a refusal is the setting's error message. */
export const serviceUrl = (name: string) =>
  z.url().superRefine((value, ctx) => {
    const refusal = transportRefusal(value, name);
    if (refusal) ctx.addIssue({ code: "custom", message: refusal });
  });

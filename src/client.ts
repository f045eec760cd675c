/**
 * The API's route types for Hono's typed client (`hc`): requests and responses are checked against
 * the same zod schemas and handlers the Worker runs. `uxprtClient` points it at a deployment with a
 * token (a personal access token or an access token); see the README for an example.
 */
import { hc } from "hono/client";
import type { Api } from "./worker/app";

export type { Api };

export function uxprtClient(
  /** The API base, e.g. https://uxprt.example/api/v1 */
  baseUrl: string,
  options: { token?: string; fetch?: typeof fetch } = {},
) {
  return hc<Api>(baseUrl, {
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

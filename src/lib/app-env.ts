/** The Hono environment every route shares: typed bindings and per-request variables. */
import type { Scope } from "./scopes";

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: "user" | "admin";
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Keyed pseudonym of the client address (see pseudonym.ts); the address itself is not kept. */
    client: string;
    /** Set by the auth middleware when a valid access token came with the request. */
    user?: AuthUser;
    /** How the caller proved who they are; a personal access token carries its scopes (auth.ts). */
    credential?: { kind: "session" | "bearer" } | { kind: "token"; tokenId: string; scopes: Scope[] };
    /**
     * What a personal access token needs for this route, set by its describe() marker: a scope,
     * "public" (a public read that anyone may make) or null (closed to tokens).
     */
    routeScope?: Scope | "public" | null;
    /** The CSRF token of a page request (web/session.ts), for the page's forms and scripts. */
    csrf?: string;
    /** The page draws Mermaid diagrams, whose SVG carries its own <style> (web/routes.ts relaxes style-src). */
    drawsDiagrams?: boolean;
    /** The page may be shown in a frame of this site's own pages (the chat's artifact panel). */
    framedBySelf?: boolean;
    /** The request's D1 session for reads that may lag (lib/d1-session.ts), made on first use. */
    d1Session?: D1DatabaseSession;
    replica?: import("./db").Database;
  };
}

/**
 * What a personal access token may do: one typed table of scopes. Routes name the scope they need in
 * their `describe({ scope })` (openapi.ts), which both enforces it for tokens and documents it, and
 * the MCP tools name theirs the same way. A route that names no scope is closed to tokens: account
 * management (password, erasure, tokens themselves) and admin need a signed-in session.
 */
export const SCOPES = {
  "read:projects": "Read your projects, conversations, briefs, artifacts, jobs and research results.",
  "write:projects": "Create, rename and delete projects and conversations.",
  "write:artifacts": "Generate, edit, revert, share and delete artifacts.",
  chat: "Post messages to your conversations (the guide answers).",
  research: "Start research searches.",
  "gallery:write": "Publish, score and delete gallery creations.",
  "account:read": "Read your profile, consents and data-export status.",
} as const satisfies Record<string, string>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as [Scope, ...Scope[]];

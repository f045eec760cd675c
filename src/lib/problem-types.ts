/**
 * Every problem `type` the API can answer with: one typed table. A Problem's `code` must be a key
 * here (problem.ts), the OpenAPI document lists them, and docs/API-CLIENTS.md shows the same table
 * (a test keeps the two in step). Problems without a code are `about:blank`: their status says it all.
 */
export const PROBLEM_BASE = "https://uxprt.dev/problems/";

export const PROBLEM_TYPES = {
  "insufficient-scope": {
    status: 403,
    meaning:
      "The personal access token lacks the scope this operation needs; `scope` names it. Make a token with that scope.",
  },
  "token-not-allowed": {
    status: 403,
    meaning:
      "Personal access tokens cannot be used here (token management, password, account deletion, admin): sign in instead.",
  },
  "rate-limited": {
    status: 429,
    meaning: "The personal access token spent its requests for this window; wait for Retry-After seconds.",
  },
  csrf: {
    status: 403,
    meaning:
      "A cookie-authenticated unsafe request came without the page's CSRF token (X-CSRF-Token or _csrf).",
  },
  "consent-required": {
    status: 403,
    meaning:
      "The feature sends content to an outside service and needs a consent; the type ends with `/<purpose>` (e.g. `…/consent-required/external-model`). Give it with PUT /users/me/consents.",
  },
  "export-link-expired": {
    status: 404,
    meaning: "The signed account-export link has expired; ask GET /users/me/exports/{id} for a fresh one.",
  },
  "diff-too-large": {
    status: 422,
    meaning:
      "The two versions differ in more lines than a diff shows (1,000); compare them side by side or pick closer versions.",
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** Statuses that carry no code (`type: about:blank`) and what each means in this API. */
export const GENERIC_STATUSES = {
  400: "Malformed request: the body is not valid JSON or a form, or a cursor is corrupt.",
  401: "No credentials, or a token that is invalid, expired or revoked (`WWW-Authenticate: Bearer`).",
  403: "Signed in but not allowed (not an admin, a deactivated account, the wrong password).",
  404: "No such resource, or it is not yours: the API does not tell the two apart.",
  409: "Conflicts with the current state (an email in use, a reply still being written, too many tokens).",
  413: "The body is larger than the limit of this operation.",
  415: "The body is not the media type the operation takes.",
  422: "Well-formed but invalid fields; `errors` lists each field and what is wrong.",
  429: "Rate limited; `Retry-After` says when to try again.",
  500: "A fault on our side; `X-Request-Id` identifies it in the logs.",
  503: "A dependency is unavailable or the server is misconfigured (e.g. no `JWT_SECRET`).",
} as const satisfies Record<number, string>;

export const problemTypeUri = (code: string) => `${PROBLEM_BASE}${code}`;

/**
 * Calls from page scripts to /api/v1. They are authenticated by the session cookie, which scripts
 * cannot read, plus the page's CSRF token in X-CSRF-Token, which the API demands of cookie-authenticated
 * unsafe requests. When the 15-minute access cookie has lapsed, the session is refreshed once and the
 * call retried.
 */
const csrfToken = () => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";

let refreshing: Promise<boolean> | undefined;

/** One refresh at a time per page: refresh tokens are single-use, and a reused one ends the session. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch("/session/refresh", {
    method: "POST",
    headers: { "X-CSRF-Token": csrfToken() },
    credentials: "same-origin",
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    headers.set("X-CSRF-Token", csrfToken());
    return fetch(`/api/v1${path}`, { ...init, headers, credentials: "same-origin" });
  };
  const res = await send();
  if (res.status === 401 && (await refreshSession())) return send();
  return res;
}

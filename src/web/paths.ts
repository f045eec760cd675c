/** Where pages may send people after a form: only paths on this site, never another origin. */
export function safeNext(raw: string | undefined, fallback = "/dashboard"): string {
  // "//evil.example" and "/\evil.example" are protocol-relative to browsers; only plain local paths pass.
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || /[\u0000-\u001f]/.test(raw))
    return fallback;
  return raw;
}

/** A path with `?ok=<notice>` appended: the notice names a fixed message, never user text. */
export function withNotice(path: string, notice: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}ok=${encodeURIComponent(notice)}`;
}

/**
 * A tiny browser for page tests in workerd: keeps cookies like a browser would, submits forms with
 * the CSRF token of the page they came from, and reads tokens out of rendered HTML.
 */
import { exports } from "cloudflare:workers";

const worker = (exports as unknown as { default: Fetcher }).default;

let clients = 0;

export class TestBrowser {
  readonly cookies = new Map<string, { value: string; attributes: string }>();
  /** The CSRF token of the last page loaded. */
  csrf = "";
  private readonly address = `10.9.${Math.floor(++clients / 250)}.${clients % 250}`;

  constructor(readonly origin = "https://uxprt.test") {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    // Each browser is its own client, so per-client rate limits do not couple tests.
    headers.set("CF-Connecting-IP", this.address);
    if (this.cookies.size)
      headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v.value}`).join("; "));
    const res = await worker.fetch(
      new Request(new URL(path, this.origin), { ...init, headers, redirect: "manual" }),
    );
    for (const line of res.headers.getAll("Set-Cookie")) {
      const [pair, ...attrs] = line.split(";");
      const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, { value, attributes: attrs.join(";").trim() });
    }
    return res;
  }

  /** GET a page and remember its CSRF token. */
  async page(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.fetch(path);
    const html = await res.text();
    this.csrf =
      html.match(/name="_csrf" value="([^"]+)"/)?.[1] ??
      html.match(/name="csrf-token" content="([^"]+)"/)?.[1] ??
      this.csrf;
    return { res, html };
  }

  /** POST a form as the page would, with its CSRF token unless `csrf` says otherwise. */
  submit(
    path: string,
    fields: Record<string, string> | FormData,
    { csrf = this.csrf as string | null } = {},
  ): Promise<Response> {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    if (csrf !== null) body.set("_csrf", csrf);
    return this.fetch(path, { method: "POST", body });
  }

  async signUp(
    name = "Page user",
    password = "correct horse battery",
  ): Promise<{ email: string; password: string }> {
    const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await this.page("/signup");
    const res = await this.submit("/signup", { displayName: name, email, password });
    if (res.status !== 303) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    await this.page("/dashboard");
    return { email, password };
  }
}

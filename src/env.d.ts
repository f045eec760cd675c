// The secrets are declared in wrangler.jsonc (`secrets.required`), so `wrangler types` types them in
// worker-configuration.d.ts; this says what each one holds, and that the code copes without any of them.
declare namespace Cloudflare {
  interface Env {
    /** HS256 key for access tokens, at least 32 bytes. `.dev.vars` locally, `wrangler secret put` deployed. */
    JWT_SECRET?: string;
    /**
     * Keys that encrypt user content at rest, newest first: `k2:<base64 32 bytes>,k1:<base64 32 bytes>`
     * (see src/lib/sealing.ts). Without it, reading or writing messages and artifacts answers 503.
     */
    DATA_KEYS?: string;
    /** API key of the HTTP email API when MAILER=resend. */
    MAIL_API_KEY?: string;
    /** API key of the OpenAI-compatible endpoint (OPENAI_BASE_URL), when it needs one. */
    OPENAI_API_KEY?: string;
    /** Brave Search API subscription token, for research through Brave (SEARCH_PROVIDER). */
    BRAVE_API_KEY?: string;
    /** Tavily API key (tvly-…), for research through Tavily (SEARCH_PROVIDER). */
    TAVILY_API_KEY?: string;
  }
}

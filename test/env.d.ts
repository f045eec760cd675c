import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /**
       * The same namespace as KV without the write limit, only for arranging what KV holds before or
       * a second or more after a step, in tests whose clock is injected (lib/cache.test.ts). The app
       * never sees it.
       */
      TEST_KV_ARRANGE: KVNamespace;
    }
  }
}

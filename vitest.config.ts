import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { experimental_readRawConfig } from "wrangler";
import { defineConfig } from "vitest/config";

/**
 * wrangler.jsonc as the tests see it: the same file, except that its KV binding is replaced by the
 * write-limited wrapper below (test/kv-write-limit.mjs: one write a second per key, as production
 * KV). Miniflare cannot override a binding that the wrangler config declares, so the tests read a
 * copy without it, written under .wrangler/ (git-ignored) with its paths made absolute.
 */
function testWranglerConfig(): { path: string; kvId: string } {
  type Kv = { binding: string; id?: string };
  type D1 = { migrations_dir?: string };
  const { rawConfig } = experimental_readRawConfig({ config: "wrangler.jsonc" });
  const {
    kv_namespaces,
    env: _environments,
    ...config
  } = rawConfig as typeof rawConfig & {
    kv_namespaces?: Kv[];
    d1_databases?: D1[];
  };
  const kv = kv_namespaces?.find((k: Kv) => k.binding === "KV");
  if (!kv?.id) throw new Error("wrangler.jsonc declares no KV namespace with an id");
  const abs = (p: string) => resolve(p);
  const copy = {
    ...config,
    main: abs(config.main!),
    ...(config.assets?.directory
      ? { assets: { ...config.assets, directory: abs(config.assets.directory) } }
      : {}),
    d1_databases: config.d1_databases?.map((d: D1) => ({
      ...d,
      ...(d.migrations_dir ? { migrations_dir: abs(d.migrations_dir) } : {}),
    })),
    kv_namespaces: kv_namespaces?.filter((k: Kv) => k.binding !== "KV"),
  };
  mkdirSync(".wrangler", { recursive: true });
  const path = resolve(".wrangler/wrangler.vitest.json");
  writeFileSync(path, JSON.stringify(copy, null, 2));
  return { path, kvId: kv.id };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const wrangler = testWranglerConfig();
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: wrangler.path },
        miniflare: {
          // KV as production enforces it: one write a second per key (test/kv-write-limit.mjs).
          wrappedBindings: { KV: { scriptName: "kv-write-limit" } },
          kvNamespaces: { TEST_KV_ARRANGE: wrangler.kvId },
          workers: [
            {
              name: "kv-write-limit",
              modules: true,
              scriptPath: "./test/kv-write-limit.mjs",
              kvNamespaces: { INNER: wrangler.kvId },
            },
          ],
          bindings: {
            TEST_MIGRATIONS: migrations,
            // Test-only secret; real ones come from .dev.vars or `wrangler secret put`.
            JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
            // Test-only storage key (see src/lib/sealing.ts); the rotation tests add a second one.
            DATA_KEYS: "t1:/l/0poYu4M8PKHgYza42uhlw8d3nU0cab0KqjF9FgZs=",
            ADMIN_EMAIL: "root@example.com",
            // Retry failed jobs at once, so the dead-letter path runs in seconds.
            JOB_RETRY_BASE_SECONDS: "0",
            // The guide streams without pauses, and scripted conversations stay under the rate limit.
            CHAT_OFFLINE_DELAY_MS: "0",
            CHAT_MESSAGES_PER_MINUTE: "60",
          },
        },
      }),
    ],
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      // Request logs only for failing tests.
      silent: "passed-only" as const,
    },
  };
});

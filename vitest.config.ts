import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
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

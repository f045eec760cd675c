/**
 * End-to-end tests: the app started by `npm start` (see e2e/server.ts) and driven in headless Chromium (e2e/browser.ts: a system one, else the npm package's).
 * They run in Node, one file at a time, after the workerd tests (`npm test`), or alone with `npm run test:e2e`.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["./e2e/server.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

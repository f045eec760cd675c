/**
 * Vitest global setup: starts the app exactly as the README does (`npm start`), on a free port and a
 * fresh, empty state directory, so every run starts from nothing and a developer's own server and data
 * are left alone. Stops it (its whole process group) afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const START_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone) throw new Error(`npm start exited before serving: ${gone}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not answer ${url} within ${START_TIMEOUT_MS} ms`);
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "uxprt-e2e-"));
  let log = "";
  let exit: string | undefined;
  // detached: its own process group, so teardown can stop npm, wrangler and workerd together.
  const app = spawn("npm", ["start", "--", "--port", String(port), "--state", state], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout.on("data", (d: Buffer) => void (log += d));
  app.stderr.on("data", (d: Buffer) => void (log += d));
  app.on("exit", (code, signal) => void (exit = `code ${code} signal ${signal}\n${log.slice(-4000)}`));

  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${baseURL}/api/v1/health`, () => exit);
  } catch (e) {
    if (app.pid && !exit) process.kill(-app.pid, "SIGTERM");
    throw new Error(`${(e as Error).message}\n--- npm start output ---\n${log.slice(-4000)}`);
  }
  project.provide("baseURL", baseURL);

  return async () => {
    if (app.pid && !exit) {
      const stopped = new Promise((r) => app.once("exit", r));
      process.kill(-app.pid, "SIGTERM");
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 5000))]);
      if (!exit) process.kill(-app.pid, "SIGKILL");
    }
    rmSync(state, { recursive: true, force: true });
  };
}

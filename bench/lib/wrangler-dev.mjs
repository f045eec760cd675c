/**
 * The secondary figure: the same warm tag search under `wrangler dev` (its proxy, inspector relay
 * and bundler watching), on the state the last scale left (the persist layout is shared). Server CPU
 * here is every process under wrangler, so the tooling's own cost shows.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { WRANGLER_ENV } from "./build.mjs";
import { freePort, get } from "./http.mjs";
import { descendants } from "./server.mjs";
import { runWrk } from "./wrk.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function measureWranglerDev({ persistDir, tag, seconds, warmupSeconds, log, say }) {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistDir,
    "--log-level",
    "warn",
  ];
  // Its own process group, so stopping it stops the workerd it spawned and nothing else.
  const child = spawn(join(ROOT, "node_modules", ".bin", "wrangler"), args, {
    cwd: ROOT,
    env: WRANGLER_ENV,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.write(d));
  child.stderr.on("data", (d) => log.write(d));
  const path = `/api/v1/creations/search?tag=${encodeURIComponent(tag)}`;
  try {
    const t = performance.now();
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error("wrangler dev did not answer within 60 s (see bench/.work/workerd.log)");
      const ok = await get(port, `127.0.0.1:${port}`, path).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await sleep(250);
    }
    const readyMs = Math.round(performance.now() - t);
    const url = `http://127.0.0.1:${port}${path}`;
    const pids = [child.pid, ...descendants(child.pid)];
    if (warmupSeconds > 0) await runWrk({ url, seconds: warmupSeconds });
    const run = await runWrk({ url, seconds, serverPids: pids });
    say(
      `wrangler dev, warm tag search: ${run.rps.toFixed(0)} req/s, p50 ${run.p50Ms.toFixed(2)} ms, server CPU ${run.cpu.server} cores`,
    );
    return { label: "Tag search, common tag, warm cache, under wrangler dev", readyMs, ...run };
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    for (let i = 0; i < 20 && child.exitCode === null && child.signalCode === null; i++) await sleep(250);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
  }
}

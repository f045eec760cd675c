/** What the numbers were measured on: they mean little without it. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function machineInfo() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const wrk = (() => {
    try {
      return execFileSync("wrk", ["-v"], { stdio: ["ignore", "pipe", "pipe"] })
        .toString()
        .split("\n")[0];
    } catch (e) {
      return String(e.stdout ?? "").split("\n")[0] || "unknown";
    }
  })();
  return {
    nproc: os.availableParallelism(),
    cpuModel: model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    wrangler: require("wrangler/package.json").version,
    miniflare: require("miniflare/package.json").version,
    wrk: wrk.trim(),
  };
}

/**
 * One wrk run against the loopback server, with what it cost: wrk's own CPU (bash's `times` for its
 * child), the server's (workerd's utime+stime from /proc across the run) and this harness's. wrk runs
 * one thread: a load generator cheaper than the server, on a 2-core machine.
 */
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { LUA_DIR } from "./paths.mjs";

const TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

export function requireWrk() {
  try {
    execFileSync("wrk", ["-v"], { stdio: "ignore" });
  } catch (e) {
    if (e.code === "ENOENT") {
      throw new Error(
        "wrk is not installed. Install it from Debian's packages: apt-get update && apt-get install -y wrk",
      );
    }
    // `wrk -v` prints its banner and exits non-zero: it is there.
  }
}

/** utime + stime of one process, in seconds; undefined once it is gone. */
export function cpuSeconds(pid) {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return undefined;
  }
}

/** /proc/<pid>/stat from field 3 on (the name in parentheses may contain spaces). */
export function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

const totalCpu = (pids) => {
  if (!pids.length) return undefined;
  let sum = 0;
  for (const pid of pids) {
    const s = cpuSeconds(pid);
    if (s === undefined) return undefined;
    sum += s;
  }
  return sum;
};

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function machineTicks() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = f[3] + (f[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

const CORES = availableParallelism();

/**
 * Starts measuring what a stretch of work costs, in cores (CPU seconds / wall seconds): the server's
 * processes (`serverPids`, utime+stime from /proc), the KV server's (`kvPids`: see
 * bench/workers/kv-server.mjs), this Node process (`harness`: the harness, and
 * any client it runs in-process) and the whole machine. `stop({ childSeconds })` adds the CPU seconds
 * of children measured another way (wrk's, from bash's `times`) and returns { wall, server, kv, harness,
 * ...children, other }: `other` is what the rest of the shared machine used meanwhile; a measurement
 * with much of it was disturbed, whatever its numbers say.
 */
export function cpuMeter(serverPids = [], kvPids = []) {
  const server0 = totalCpu(serverPids);
  const kv0 = totalCpu(kvPids);
  const machine0 = machineTicks();
  const harness0 = process.cpuUsage();
  const started = performance.now();
  return {
    stop({ childSeconds = {} } = {}) {
      const wall = (performance.now() - started) / 1000;
      const harness = process.cpuUsage(harness0);
      const server1 = totalCpu(serverPids);
      const kv1 = totalCpu(kvPids);
      const machine1 = machineTicks();
      const machineCores = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * CORES;
      const children = Object.fromEntries(
        Object.entries(childSeconds).map(([k, v]) => [k, round2(v / wall)]),
      );
      const cpu = {
        wall: round2(wall),
        ...children,
        server: server0 === undefined || server1 === undefined ? null : round2((server1 - server0) / wall),
        kv: kv0 === undefined || kv1 === undefined ? 0 : round2((kv1 - kv0) / wall),
        harness: round2((harness.user + harness.system) / 1e6 / wall),
      };
      const known = Object.values(children).reduce((a, b) => a + b, 0) + cpu.server + cpu.kv + cpu.harness;
      cpu.other = cpu.server === null ? null : round2(Math.max(0, machineCores - known));
      return cpu;
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits, at most `maxMs`, until the machine has been nearly idle for a second (under
 * `thresholdCores` busy; call it while our own server is idle). Returns the milliseconds waited.
 */
export async function waitForQuiet({ maxMs, thresholdCores = 0.3 }) {
  const started = Date.now();
  for (;;) {
    const a = machineTicks();
    await sleep(1000);
    const b = machineTicks();
    const busy = ((b.busy - a.busy) / (b.total - a.total)) * CORES;
    if (busy < thresholdCores || Date.now() - started >= maxMs) return Date.now() - started;
  }
}

/** "0m1.250s 0m0.340s": the second line of bash's `times`, the children's user and system time. */
function childCpu(stderr) {
  const lines = stderr.trim().split("\n");
  const m = lines[lines.length - 1].match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  return m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : undefined;
}

/**
 * `url` must be on 127.0.0.1. `script` names a file in bench/lua; `env` passes data to it.
 * `serverPids`: the processes that serve, whose CPU is summed; `kvPids`: the KV server's, counted
 * apart. Resolves to { rps, p50Ms, p99Ms, ..., cpu: { wrk, server, kv, harness, other } } (see
 * cpuMeter).
 */
export async function runWrk({
  url,
  host,
  script = "get.lua",
  connections = 8,
  seconds,
  env = {},
  serverPids = [],
  kvPids = [],
  timeoutSeconds = 5,
}) {
  if (new URL(url).hostname !== "127.0.0.1")
    throw new Error(`refusing to load-test a non-loopback address: ${url}`);
  const args = [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    `--timeout`,
    `${timeoutSeconds}s`,
    "-s",
    `${LUA_DIR}/${script}`,
  ];
  if (host) args.push("-H", `Host: ${host}`);
  args.push(url);
  const meter = cpuMeter(serverPids, kvPids);
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    // bash reports wrk's CPU with `times`; the whole run is bounded by wrk's -d plus a margin.
    const child = spawn("bash", ["-c", 'wrk "$@"; rc=$?; times >&2; exit $rc', "bash", ...args], {
      env: { ...process.env, BENCH_LUA_DIR: LUA_DIR, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: stopping it stops wrk too
    });
    active.add(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const kill = setTimeout(() => killGroup(child), (seconds + timeoutSeconds + 10) * 1000);
    child.on("error", reject);
    child.on(
      "close",
      (c) => (clearTimeout(kill), active.delete(child), resolve({ code: c, stdout: out, stderr: err })),
    );
  });
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${stdout}\n${stderr}`);
  const r = JSON.parse(line.slice("BENCH_JSON ".length));
  const errors = Object.values(r.errors).reduce((a, b) => a + b, 0);
  const { wall: _wall, ...cpu } = meter.stop({ childSeconds: { wrk: childCpu(stderr) ?? NaN } });
  return {
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    p50Ms: r.p50_us / 1000,
    p90Ms: r.p90_us / 1000,
    p99Ms: r.p99_us / 1000,
    maxMs: r.max_us / 1000,
    meanMs: r.mean_us / 1000,
    bytesPerRequest: r.requests ? Math.round(r.bytes / r.requests) : 0,
    errors,
    errorDetail: r.errors,
    cpu,
  };
}

const round2 = (n) => Math.round(n * 100) / 100;

const active = new Set();

/** Stops any wrk still running (an interrupted bench). */
export function stopLoad() {
  for (const child of active) killGroup(child);
}

function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Where the harness reads and writes. Everything it makes lives under bench/.work (git-ignored). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = join(BENCH_DIR, "..");
export const WORK_DIR = join(BENCH_DIR, ".work");
export const RESULTS_DIR = join(BENCH_DIR, "results");
export const LUA_DIR = join(BENCH_DIR, "lua");
export const WORKERS_DIR = join(BENCH_DIR, "workers");

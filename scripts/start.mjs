// `npm start`: everything a fresh clone needs, then the app on http://127.0.0.1:8787.
//
//   npm start [-- --port 8787] [--state .wrangler/state]
//
// Makes .dev.vars when missing, builds the hashed browser assets, applies the D1 migrations to the
// local state, and runs `wrangler dev` on that state. --state lets the end-to-end tests start an
// independent app on a fresh, empty database next to a developer's running one.
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    state: { type: "string", default: ".wrangler/state" },
  },
});
if (!/^\d{2,5}$/.test(values.port)) throw new Error(`--port must be a number, got ${values.port}`);

await import("./ensure-dev-vars.mjs");
await import("./build-assets.mjs");

// Offline runs: no metrics, no Request.cf download (see README).
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const wrangler = (args, opts) => [
  process.execPath,
  ["node_modules/wrangler/bin/wrangler.js", ...args],
  { env, stdio: "inherit", ...opts },
];

const migrated = spawnSync(
  ...wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", values.state]),
);
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const origin = `http://127.0.0.1:${values.port}`;
const dev = spawn(
  ...wrangler([
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    values.port,
    "--persist-to",
    values.state,
    "--show-interactive-dev-session=false",
    // Emailed links must point at this server, whatever port it runs on.
    "--var",
    `APP_URL:${origin}`,
  ]),
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

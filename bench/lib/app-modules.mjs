/**
 * The app's own TypeScript, loaded into Node for the harness. The bench mints tokens, hashes the
 * seed password, makes ids and ranks and captures the app's SQL with the very functions the Worker
 * uses, so the seeded data and the reference queries cannot drift from the app. Node 20 cannot load
 * .ts, so esbuild (already installed as wrangler's bundler) bundles a small entry into one ESM file.
 */
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, WORK_DIR } from "./paths.mjs";

const ENTRY = `
export { bayesianRank } from "./src/features/creations/ranking.ts";
export { newId } from "./src/lib/crypto.ts";
export { hashPassword } from "./src/features/auth/passwords.ts";
export { issueAccessToken } from "./src/lib/tokens.ts";
export { imageKey } from "./src/features/creations/service.ts";
export { listCreations, findCreation } from "./src/features/creations/queries.ts";
export { database } from "./src/lib/db.ts";
export { ARTIFACT_TYPES, FACT_IDS, FACTS } from "./src/features/pipeline/catalogue.ts";
`;

/** Bundles an entry of exports from src/ into one ESM file under the bench's work folder and imports it. */
export async function importBundled(entry, name) {
  mkdirSync(WORK_DIR, { recursive: true });
  const outfile = join(WORK_DIR, `${name}.mjs`);
  await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "ts", sourcefile: `${name}-entry.ts` },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

/** Bundles a Worker module (a bench worker and the app code it imports) for workerd, as wrangler does. */
export async function bundleWorker(entry, outfile) {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    outfile,
    logLevel: "warning",
  });
}

let loaded;
export function appModules() {
  loaded ??= importBundled(ENTRY, "app-modules");
  return loaded;
}

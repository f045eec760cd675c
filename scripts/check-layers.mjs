/**
 * The layering rule, checked on every relative import under src/ (npm test runs it, `npm run layers`
 * alone):
 * - src/lib and src/db import only src/lib and src/db: no feature, page or wiring;
 * - a feature folder (src/features/<name>) imports src/lib, src/db, itself and features BELOW it in
 *   FEATURE_LAYERS, so no two feature folders can import each other, directly or round a cycle;
 * - src/web (pages) imports lib, db, features and web, never the composition root;
 * - src/worker (the composition root) and src/index.ts may import anything.
 * Tests follow the rule of the folder they sit in, but may also use test/ helpers and the wired
 * Worker (src/worker, src/index.ts), since they exercise what the Worker really runs.
 *
 * A new feature folder must be placed in FEATURE_LAYERS: the check refuses folders it does not know.
 * When a feature needs one above it, the one above supplies a port through src/worker (see
 * features/research/ports.ts, features/chat/user-chat.ts ChatHooks).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Lowest first. A feature may import only the ones listed before it. */
export const FEATURE_LAYERS = [
  "pipeline",
  "auth",
  "tokens",
  "creations",
  "projects",
  "jobs",
  "chat",
  "research",
  "artifacts",
  "privacy",
  "users",
  "admin",
  "mcp",
  "meta",
];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) yield path;
  }
}

/** Relative specifiers of static imports and re-exports, side-effect imports and import() calls. */
export function specifiers(text) {
  const found = [];
  const patterns = [/\bfrom\s*["'](\.{1,2}\/[^"']*)["']/g, /\bimport\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** What part of the tree a path (relative to the repository, with /) belongs to. */
export function unitOf(path) {
  const p = path.split(sep).join("/");
  let m = p.match(/^src\/features\/([^/]+)\//);
  if (m) return { kind: "feature", name: m[1] };
  m = p.match(/^src\/(lib|db|web|worker)(\/|$)/);
  if (m) return { kind: m[1] };
  if (/^src\/index(\.[a-z]+)?$/.test(p)) return { kind: "worker" };
  if (p.startsWith("test/")) return { kind: "test-helpers" };
  return { kind: "other" };
}

const isTest = (path) => /\.test\.[a-z]+$/.test(path);

/** Why `from` may not import `to`, or null when it may. */
export function violation(fromPath, toPath) {
  const from = unitOf(fromPath);
  const to = unitOf(toPath);
  if (from.kind === "worker" || from.kind === "other" || from.kind === "test-helpers") return null;
  if (isTest(fromPath) && (to.kind === "worker" || to.kind === "test-helpers")) return null;
  if (to.kind === "lib" || to.kind === "db") return null;
  if (from.kind === "lib" || from.kind === "db") return `src/${from.kind} imports only src/lib and src/db`;
  if (from.kind === "web") {
    if (to.kind === "web" || to.kind === "feature") return null;
    return "src/web imports lib, db, features and web only";
  }
  // from a feature
  const rank = FEATURE_LAYERS.indexOf(from.name);
  if (rank < 0)
    return `features/${from.name} is not in FEATURE_LAYERS (scripts/check-layers.mjs): place it there`;
  if (to.kind !== "feature") return `features/${from.name} imports lib, db and lower features only`;
  if (to.name === from.name) return null;
  const target = FEATURE_LAYERS.indexOf(to.name);
  if (target >= 0 && target < rank) return null;
  const below = FEATURE_LAYERS.slice(0, rank).join(", ") || "none";
  return `features/${from.name} may import only features below it (${below}); give it a port wired in src/worker instead`;
}

export function check(dir = root) {
  const problems = [];
  for (const file of sources(join(dir, "src"))) {
    const fromPath = relative(dir, file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      const toPath = normalize(join(dirname(fromPath), spec));
      const why = violation(fromPath, toPath);
      if (why) problems.push(`${fromPath} imports ${spec}: ${why}`);
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const problems = check();
  if (problems.length) {
    console.error(`Layering check: ${problems.length} import(s) break the rule\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("Layering check: every import under src/ follows the layers.");
}

/**
 * `npm run bench:guide`: the guide's understanding, measured on the corpus of natural conversations
 * (test/corpus/guide.ts), offline and with a scripted model that speaks the Chat Completions wire
 * format (streamed tool-call deltas; every 7th answer cut short, to measure the fallback). Reports,
 * per conversation: facts captured cleanly, question/command phrases stored as facts, generation
 * requests honoured, free questions answered with substance. Not a timed benchmark.
 *
 *   npm run bench:guide                  this tree
 *   npm run bench:guide -- --before REF  also the offline guide of an older commit (e.g. the code
 *                                        before issue 14), measured on the same corpus
 *   npm run bench:guide -- --json        rows as JSON
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const work = join(root, "bench/.work/guide");
const args = process.argv.slice(2);
const before = args.includes("--before") ? args[args.indexOf("--before") + 1] : undefined;

async function load(entry, out) {
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "error",
  });
  return import(pathToFileURL(out).href);
}

const pct = (a, b) => (b ? `${Math.round((100 * a) / b)}%` : "–");
function table(rows) {
  const head = [
    "conversation",
    "mode",
    "turns",
    "facts clean",
    "stored questions/commands",
    "generation honoured",
    "questions answered",
    "fallbacks",
  ];
  const lines = rows.map((r) => [
    r.conversation,
    r.mode,
    r.turns,
    `${r.score.facts.clean}/${r.score.facts.expected} (${pct(r.score.facts.clean, r.score.facts.expected)})`,
    r.score.leaks.length,
    `${r.score.generation.honoured}/${r.score.generation.asked}`,
    `${r.score.questions.answered}/${r.score.questions.asked}`,
    r.fallbacks ?? "–",
  ]);
  const total = (mode) => {
    const rs = rows.filter((r) => r.mode === mode);
    if (!rs.length) return undefined;
    const sum = (f) => rs.reduce((n, r) => n + f(r), 0);
    return [
      "all",
      mode,
      sum((r) => r.turns),
      `${sum((r) => r.score.facts.clean)}/${sum((r) => r.score.facts.expected)} (${pct(
        sum((r) => r.score.facts.clean),
        sum((r) => r.score.facts.expected),
      )})`,
      sum((r) => r.score.leaks.length),
      `${sum((r) => r.score.generation.honoured)}/${sum((r) => r.score.generation.asked)}`,
      `${sum((r) => r.score.questions.answered)}/${sum((r) => r.score.questions.asked)}`,
      rs[0].fallbacks === undefined ? "–" : sum((r) => r.fallbacks),
    ];
  };
  const all = [head, ...lines, ...[...new Set(rows.map((r) => r.mode))].map(total).filter(Boolean)];
  return all
    .map((l) => `| ${l.join(" | ")} |`)
    .join("\n")
    .replace(/\n/, `\n|${head.map(() => " --- |").join("")}\n`);
}

mkdirSync(work, { recursive: true });
const rows = [];
if (before) {
  // The older tree's pipeline, with this tree's corpus and scorer, offline.
  const dir = join(work, "before");
  if (existsSync(dir))
    execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
  execFileSync("git", ["worktree", "add", "--detach", "-f", dir, before], { cwd: root, stdio: "ignore" });
  try {
    cpSync(join(root, "test/corpus"), join(dir, "test/corpus"), { recursive: true });
    writeFileSync(
      join(dir, "entry.ts"),
      `import { CORPUS, HELD_OUT } from "./test/corpus/guide";
import { runConversation, scoreRun } from "./test/corpus/score";
import { planTurn } from "./src/features/pipeline/guide";
export const rows = [...CORPUS, ...HELD_OUT].map((conv) => ({
  conversation: conv.name, mode: "offline, before (${before})", turns: conv.turns.length, fallbacks: undefined,
  score: scoreRun(conv, runConversation(conv, (s, text, now) => planTurn(s, text, { agent: "product", agentChanged: false, now }))),
}));\n`,
    );
    rows.push(...(await load(join(dir, "entry.ts"), join(work, "before.mjs"))).rows);
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
  }
}
const { bench } = await load(join(root, "test/corpus/bench.ts"), join(work, "bench.mjs"));
rows.push(...(await bench()));
rmSync(work, { recursive: true, force: true });

if (args.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(table(rows));
  for (const r of rows)
    for (const m of r.score.facts.misses)
      console.log(`  miss (${r.mode}, ${r.conversation}): ${m.fact} = ${JSON.stringify(m.got)}`);
}

/**
 * Ratios, the issue's targets, and the two result files: <name>.json (everything) and <name>.md
 * (the tables docs/PERFORMANCE.md quotes). Ratios are what compare across runs: the machines are
 * shared and noisy, and a reference measured in the same run moves with them.
 *
 * Ratios divide req/s per core of workerd (req/s ÷ the cores workerd used in that slice), not raw
 * req/s. workerd runs a request at a time on one thread and these routes keep it busy (~0.9-1.0
 * core when the machine is quiet), so req/s per core is the route's throughput with a whole core,
 * whatever share other sessions' processes left it: a reference and a route measured under different
 * neighbours' load still compare. Raw req/s stay in the tables.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_DIR } from "./paths.mjs";

const MiB = 1024 * 1024;
const fmt = (n, d = 0) =>
  n === undefined || n === null || Number.isNaN(n)
    ? "–"
    : n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (n) => (n === undefined || n === null ? "–" : `${Math.round(n * 100)}%`);
/** One decimal where a target's threshold is judged, so 49.6% does not read as a met 50%. */
const pct1 = (n) => (n === undefined || n === null ? "–" : `${(n * 100).toFixed(1)}%`);

const perCore = (r) => (r?.cpu?.server > 0 ? r.rps / r.cpu.server : null);

export function addRatios(results) {
  for (const s of results.scales) {
    for (const r of Object.values(s.runs)) r.rpsPerCore = perCore(r);
    const bare = s.runs["ref-bare"]?.rpsPerCore;
    for (const r of Object.values(s.runs)) {
      r.xBare = bare && r.rpsPerCore ? r.rpsPerCore / bare : null;
      const ref = r.d1Ref ? s.runs[r.d1Ref]?.rpsPerCore : null;
      r.xD1 = ref && r.rpsPerCore ? r.rpsPerCore / ref : null;
    }
  }
}

/** Each target: what it asks, the measured figure, and whether it is met (null: not measurable). */
export function targets(results) {
  const scales = results.scales;
  const large = scales[scales.length - 1];
  const small = scales[0];
  const out = [];
  const at = large ? ` at ${fmt(large.scale)}` : "";
  // A miss is judged where KV runs apart from the Worker, as on Cloudflare; the same rows with the
  // local simulator inside the Worker's process stay beside them, judged the same way.
  for (const id of [
    "search-common-apart-cold",
    "search-rare-apart-cold",
    "by-id-apart-cold",
    "search-common-cold",
    "search-rare-cold",
    "by-id-cold",
  ]) {
    const r = large?.runs[id];
    out.push({
      target: `${r?.label ?? id}${at}: ≥ 80% of its D1 reference`,
      value: r ? pct1(r.xD1) : "–",
      met: r ? r.xD1 >= 0.8 : null,
    });
  }
  // Not the target as written: the same ratio with the cache layer switched off, to show what the
  // app's own layers (auth, validation, drizzle, serialization) cost apart from KV.
  for (const id of ["search-common-nokv", "by-id-nokv"]) {
    const r = large?.runs[id];
    if (r)
      out.push({
        target: `(diagnosis) ${r.label}${at}: ≥ 80% of its D1 reference`,
        value: pct1(r.xD1),
        met: r.xD1 >= 0.8,
      });
  }
  for (const id of [
    "search-common-warm",
    "search-rare-warm",
    "by-id-warm",
    "by-id-apart-warm",
    "by-id-hot-warm",
    "newest-warm",
  ]) {
    const r = large?.runs[id];
    out.push({
      target: `${r?.label ?? id}${at}: ≥ 50% of the bare route`,
      value: r ? pct1(r.xBare) : "–",
      met: r ? r.xBare >= 0.5 : null,
    });
  }
  if (small && large && small !== large) {
    for (const id of ["search-common-cold", "search-rare-cold", "search-common-warm", "search-rare-warm"]) {
      const a = small.runs[id];
      const b = large.runs[id];
      if (!a || !b) continue;
      const fall = a.rpsPerCore / b.rpsPerCore;
      // The same fall in raw req/s, and against each scale's own bare route.
      const raw = a.rps / b.rps;
      const normalized = a.xBare && b.xBare ? a.xBare / b.xBare : null;
      out.push({
        target: `${a.label}: throughput falls ≤ 1.3× from ${fmt(small.scale)} to ${fmt(large.scale)}`,
        value: `${fmt(fall, 2)}× per core (raw ${fmt(raw, 2)}×, vs bare ${fmt(normalized, 2)}×)`,
        met: fall <= 1.3,
      });
    }
  }
  out.push({
    target: "Bundle < 1 MiB gzipped",
    value: `${fmt(results.build.gzipBytes / 1024, 1)} KiB`,
    met: results.build.gzipBytes < MiB,
  });
  out.push(...latencyTargets(large?.latency));
  return out;
}

/** The chat and job targets, from the latency section of the largest scale (lib/latency.mjs). */
function latencyTargets(l) {
  const why = !l
    ? "not measured"
    : l.skipped
      ? `skipped (${l.skipped})`
      : l.error
        ? `failed: ${l.error}`
        : null;
  const t = l?.targets ?? { firstTokenP50Ms: 30, jobP50Ms: 1500 };
  const p50 = (r) => (r?.firstToken ? `${fmt(r.firstToken.p50Ms, 1)} ms` : "–");
  const sse = l?.chatSse?.firstToken;
  const ws = l?.chatWs?.firstToken;
  const many = l?.chatConcurrent?.firstToken;
  const job = l?.job?.done;
  const d = l?.drain;
  return [
    {
      target: `First chat token < ${t.firstTokenP50Ms} ms p50 (offline guide, no typing delay)`,
      value: sse
        ? `SSE ${p50(l.chatSse)}, WebSocket ${p50(l.chatWs)}${many ? `; ${fmt(many.p50Ms, 1)} ms with ${l.settings.concurrentClients} users at once` : ""}`
        : (why ?? "–"),
      met: sse ? sse.p50Ms < t.firstTokenP50Ms && (!ws || ws.p50Ms < t.firstTokenP50Ms) : null,
    },
    {
      target: `One artifact job done < ${fmt(t.jobP50Ms / 1000, 1)} s p50`,
      value: job ? `${fmt(job.p50Ms, 1)} ms` : (why ?? "–"),
      met: job ? job.p50Ms < t.jobP50Ms : null,
    },
    {
      target: "Drain of 200 queued jobs (reported, no target)",
      value: d?.jobs
        ? `${fmt(d.totalSeconds, 2)} s, ${fmt(d.jobsPerSecond, 1)} jobs/s, per job p50 ${fmt(d.perJob.p50Ms / 1000, 2)} s, ${d.failed} failed`
        : (why ?? "–"),
      met: null,
    },
  ];
}

/** The latency section: one table of chat and job latencies, with the CPU each series used. */
function latencyLines(l, scale) {
  const lines = [`## Chat and job latency (at ${fmt(scale)} creations)`, ""];
  if (l.skipped || l.error)
    return [...lines, l.skipped ? `Skipped: ${l.skipped}.` : `Failed: ${l.error}`, ""];
  const st = l.settings;
  const ms = (s) => (s ? `${fmt(s.p50Ms, 1)} / ${fmt(s.p99Ms, 1)}` : "–");
  const cpu = (c) => `${fmt(c.server, 2)} | ${fmt(c.harness, 2)} | ${fmt(c.other, 2)}`;
  lines.push(
    "| Exchange | samples | first token (or 202) p50 / p99 ms | done p50 / p99 ms | workerd CPU | client CPU | other CPU |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of [l.chatSse, l.chatWs, l.chatConcurrent]) {
    if (r?.skipped) lines.push(`| Chat, WebSocket | – | skipped: ${r.skipped} | | | | |`);
    else if (r)
      lines.push(
        `| ${r.label} | ${r.firstToken.samples} | ${ms(r.firstToken)} | ${ms(r.done)} | ${cpu(r.cpu)} |`,
      );
  }
  if (l.job)
    lines.push(
      `| ${l.job.label} | ${l.job.done.samples} | 202: ${ms(l.job.accepted)} | ${ms(l.job.done)} (Worker's clock ${ms(l.job.serverDone)}) | ${cpu(l.job.cpu)} |`,
    );
  if (l.drain) {
    const d = l.drain;
    lines.push(
      `| ${d.label} | ${d.jobs} | all 202 in ${fmt(d.enqueueSeconds, 2)} s | per job ${ms(d.perJob)} (Worker's clock ${ms(d.serverPerJob)}) | ${cpu(d.cpu)} |`,
    );
    lines.push(
      "",
      `Drain: ${d.jobs} jobs done in **${fmt(d.totalSeconds, 2)} s** (${fmt(d.jobsPerSecond, 1)} jobs/s), ${d.failed} failed.`,
    );
  }
  lines.push(
    "",
    `Single exchanges from a Node client in the harness process (wrk speaks neither SSE nor WebSocket), after ${st.chatWarmup} unmeasured warm-up messages per series; times run from handing the POST to the socket. ` +
      `Chat messages are the catalogue's example answers in the guide's order (one interview per series), answered by the offline guide with CHAT_OFFLINE_DELAY_MS=0 (production's value; the default environment's 15 ms a word would time the pause). ` +
      `Jobs are watched by polling their D1 row through Miniflare every ${st.jobPollMs} ms (drain: ${st.drainPollMs} ms), which adds up to that much; "Worker's clock" is the job row's updated_at − created_at. ` +
      `CPU columns are cores used during the measured samples only: workerd; this Node process (the client, its polling, Miniflare's Node side); the rest of the machine.`,
    "",
  );
  return lines;
}

function runRow(_id, r) {
  return `| ${r.label} | ${fmt(r.rps)} | ${fmt(r.rpsPerCore)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 1)} | ${pct(r.xBare)} | ${r.xD1 === null ? "–" : pct(r.xD1)} | ${r.errors} | ${fmt(r.cpu.server, 2)} | ${fmt(r.cpu.kv, 2)} | ${fmt(r.cpu.wrk, 2)} | ${fmt(r.cpu.other, 2)} | ${fmt(r.spread, 2)} |`;
}

export function markdown(results) {
  const m = results.machine;
  const lines = [];
  lines.push(`# Benchmark results (${results.settings.quick ? "quick" : "full"} run)`, "");
  lines.push(
    `${results.date.slice(0, 16).replace("T", " ")} UTC · ${m.nproc} cores, ${m.cpuModel}, ${m.memoryGiB} GiB · load before run ${m.loadAverage.join(" ")} · Node ${m.node}, wrangler ${m.wrangler}, miniflare ${m.miniflare}, ${m.wrk}`,
    "",
  );
  const st = results.settings;
  lines.push(
    `wrk: 1 thread, ${st.connections} connections unless noted, all on 127.0.0.1. Each row: a ${st.warmupSeconds} s warm-up, then ${st.slices} slices of ${st.sliceSeconds} s taken round-robin with the other rows; the slice with the least CPU used by other processes is shown. Before each slice the run waits up to ${st.quietWaitMs / 1000} s for the shared machine to go idle (${results.waitedForQuietSeconds ?? 0} s waited in all). Whole run: ${results.elapsedSeconds} s.`,
    "",
  );
  const cs = results.startup.coldStart;
  lines.push("## Build and startup", "");
  lines.push(
    `- Bundle (\`wrangler deploy --dry-run --env production\`): ${fmt(results.build.bytes / 1024)} KiB, **${fmt(results.build.gzipBytes / 1024, 1)} KiB gzipped**`,
  );
  lines.push(
    `- Startup CPU (\`wrangler check startup\` profile, top-level evaluation): **${fmt(results.startup.profileCpuMs, 1)} ms**`,
  );
  lines.push(
    `- Cold start on Miniflare (spawn workerd → ready → first 200), median of ${results.settings.coldStartRounds}: app ${cs.app.readyMs} + ${cs.app.firstResponseMs} ms, bare worker with the same bindings ${cs.bare.readyMs} + ${cs.bare.firstResponseMs} ms`,
    "",
  );
  for (const s of results.scales) {
    lines.push(`## ${fmt(s.scale)} creations`, "");
    lines.push(
      `${fmt(s.tagLinks)} tag links, ${fmt(s.scores)} scores, seeded in ${fmt(s.seedMs / 1000, 1)} s. Common tag \`${s.tags.common.name}\` on ${fmt(s.tags.common.uses)} creations; rare tag \`${s.tags.rare.name}\` on ${s.tags.rare.uses}.`,
      "",
    );
    lines.push(
      "| Route | req/s | req/s per core | p50 ms | p99 ms | × bare | × D1 ref | errors | server CPU | KV apart CPU | wrk CPU | other CPU | spread |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const [id, r] of Object.entries(s.runs)) lines.push(runRow(id, r));
    if (s.consistentAfterWrites)
      lines.push(
        "",
        "After the score-write run, every score summary, rank copy and usage count still matched the rows (checked in SQL).",
      );
    lines.push("");
  }
  const measured = results.scales.find((s) => s.latency);
  if (measured) lines.push(...latencyLines(measured.latency, measured.scale));
  if (results.wranglerDev) {
    const w = results.wranglerDev;
    const large = results.scales[results.scales.length - 1];
    const plain = large.runs["search-common-warm"];
    lines.push("## Secondary: `wrangler dev`", "");
    lines.push(
      `${w.label}: ${fmt(w.rps)} req/s, p50 ${fmt(w.p50Ms, 2)} ms, p99 ${fmt(w.p99Ms, 1)} ms, server CPU ${fmt(w.cpu.server, 2)} cores (every process under wrangler)${plain ? `; ${pct(w.rps / plain.rps)} of the same route on plain Miniflare in this run` : ""}. Ready after ${fmt(w.readyMs / 1000, 1)} s.`,
      "",
    );
  }
  lines.push("## Targets (issue 9)", "", "| Target | Measured | Met |", "| --- | --- | --- |");
  for (const t of results.targets)
    lines.push(`| ${t.target} | ${t.value} | ${t.met === null ? "n/a" : t.met ? "yes" : "**no**"} |`);
  lines.push(
    "",
    "Notes: × bare and × D1 ref divide req/s per core of workerd (req/s ÷ server CPU) by the same figure of the reference routes measured in the same run and process, so a slice that other sessions' load slowed still compares. " +
      "p99 on workerd is dominated by whole-process pauses (GC, SQLite, the OS scheduling three busy processes on two cores), not by the route. " +
      'CPU columns are cores used during the slice (CPU seconds / wall seconds); "other" is what the rest of the shared machine used meanwhile; "spread" is the fastest slice\'s req/s over the slowest\'s. "Cache miss" rows use a copy of the app whose KV always misses but still pays the lookup (of a key never stored) and the fill. "KV apart" rows reach KV by subrequest to a second workerd, as on Cloudflare: server CPU is the Worker\'s process only, and "KV apart CPU" is the KV simulator\'s.',
    "",
  );
  return lines.join("\n");
}

/** Writes both files; `results` may come back from an earlier JSON (npm run bench -- --report). */
export function writeReport(results, name) {
  addRatios(results);
  results.targets = targets(results);
  const json = join(RESULTS_DIR, `${name}.json`);
  const md = join(RESULTS_DIR, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, markdown(results));
  return [json, md];
}

/**
 * Latencies of single exchanges, measured once per run at the largest scale, in the same Miniflare
 * as the load tests (the app's UserChat Durable Object and JOBS queue consumer included). wrk speaks
 * neither SSE nor WebSocket, and a job's latency is not a request's, so a small client in this
 * process times them one at a time:
 *
 *   chat-sse        POST …/messages → the first `token` event of its SSE response, and → `done`
 *   chat-ws         the same POST, timed to the first `token` and the `done` frame on an open socket
 *   chat-sse-8      chat-sse with 8 users talking at once (first token under load)
 *   job             POST …/artifacts (202) → the job's row says `succeeded`, one job at a time
 *   drain           200 artifact jobs posted at once, until every one has succeeded
 *
 * Chat messages are the catalogue's example answers in the guide's asking order, so a series is one
 * interview as a user would hold it: facts recorded, state sealed, history read back, the next
 * question asked. Replies come from the offline guide with no typing delay (server.mjs BENCH_VARS).
 *
 * Each series reports its samples' p50/p90/p99/max (nearest rank: with 50 samples p99 is the max),
 * and the CPU that workerd, this Node process (the client) and the rest of the machine used while it
 * ran (wrk.mjs cpuMeter).
 */
import { appModules } from "./app-modules.mjs";
import { get, send } from "./http.mjs";
import { HOSTS } from "./server.mjs";
import { cpuMeter } from "./wrk.mjs";

export const LATENCY = {
  chatWarmup: 3,
  chatSamples: 50,
  concurrentClients: 8,
  concurrentMessagesEach: 6,
  jobSamples: 20,
  drainJobs: 200,
  drainUsers: 10,
  /** POSTs in flight while enqueueing the drain: "as fast as possible" without 200 sockets at once. */
  drainConcurrency: 16,
  /**
   * Jobs are watched in D1 directly (mf.getD1Database), not through GET /jobs/{id}: a poll is one
   * indexed read in workerd instead of a request through auth (JWT, user row), routing and JSON, so
   * watching takes less of the one workerd thread the consumer runs on.
   */
  jobPollMs: 5,
  drainPollMs: 20,
  jobTimeoutMs: 30_000,
  drainTimeoutMs: 120_000,
};

/** Targets from issue 9 (reported, not asserted). */
export const LATENCY_TARGETS = { firstTokenP50Ms: 30, jobP50Ms: 1500 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (n) => Math.round(n * 10) / 10;

/** p50/p90/p99/max by nearest rank, in ms. */
export function summarize(ms) {
  const xs = [...ms].sort((a, b) => a - b);
  const at = (p) => round1(xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]);
  return {
    samples: xs.length,
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
    maxMs: round1(xs[xs.length - 1]),
    meanMs: round1(xs.reduce((a, b) => a + b, 0) / xs.length),
  };
}

/** A JSON call to the app's API as `user`; anything but the expected status is a bug, not a sample. */
async function api(ctx, user, method, path, body, expect = method === "POST" ? [200, 201, 202] : [200]) {
  const res = await get(ctx.port, HOSTS.app, `/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${user.token}`,
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!expect.includes(res.status))
    throw new Error(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.json();
}

/** A project with a conversation, as the API makes them (not timed). */
async function startConversation(ctx, user, name) {
  const project = await api(ctx, user, "POST", "/projects", { name });
  const conversation = await api(ctx, user, "POST", `/projects/${project.id}/conversations`, {});
  return { projectId: project.id, conversationId: conversation.id };
}

/** The i-th message of an interview: the example answer to the i-th question the guide asks. */
function interview(m) {
  return (i) => m.FACTS[m.FACT_IDS[i % m.FACT_IDS.length]].example.replace(/^“|”$/g, "");
}

/**
 * Sends one message and reads its SSE reply as it streams. Times from the send to the first `token`
 * event and to `done`; the response must end too (the conversation is free again only then).
 */
async function sseMessage(ctx, user, conversationId, content) {
  const { res, sentAt } = await send(
    ctx.port,
    HOSTS.app,
    `/api/v1/conversations/${conversationId}/messages`,
    {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ content }),
    },
  );
  // When the response's headers arrived: the work before the stream (auth, D1, the object's turn).
  const headersMs = performance.now() - sentAt;
  res.setEncoding("utf8");
  if (res.statusCode !== 200) {
    let text = "";
    for await (const c of res) text += c;
    throw new Error(`POST message answered ${res.statusCode}: ${text.slice(0, 300)}`);
  }
  let firstToken;
  let done;
  let tokens = 0;
  let buffer = "";
  for await (const chunk of res) {
    const now = performance.now();
    buffer += chunk;
    for (let end; (end = buffer.indexOf("\n\n")) >= 0; buffer = buffer.slice(end + 2)) {
      const frame = buffer.slice(0, end);
      const type = /^event: (.*)$/m.exec(frame)?.[1];
      if (type === "token") tokens++, (firstToken ??= now - sentAt);
      else if (type === "done") done = now - sentAt;
      else if (type === "error") throw new Error(`the reply failed: ${frame}`);
    }
  }
  if (firstToken === undefined || done === undefined)
    throw new Error(`the SSE stream ended without ${firstToken === undefined ? "a token" : "done"}`);
  return { headersMs, firstTokenMs: firstToken, doneMs: done, tokens };
}

/**
 * A conversation's WebSocket, open once `ready` ends the replay. `until(type)` resolves with the
 * performance.now() at which the next frame of that type arrived.
 */
async function openSocket(ctx, user, conversationId) {
  const ws = new WebSocket(
    `ws://127.0.0.1:${ctx.port}/api/v1/conversations/${conversationId}/ws?access_token=${user.token}`,
  );
  const waiting = new Map();
  ws.onmessage = (ev) => {
    const now = performance.now();
    const frame = JSON.parse(ev.data);
    waiting.get(frame.type)?.(now);
    waiting.delete(frame.type);
  };
  const until = (type, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} frame on the socket within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiting.set(type, (t) => (clearTimeout(timer), resolve(t)));
    });
  const failed = new Promise((_, reject) => {
    ws.onerror = (e) => reject(new Error(`WebSocket error: ${e.message ?? e.type}`));
    ws.onclose = (e) => reject(new Error(`WebSocket closed: ${e.code} ${e.reason}`));
  });
  failed.catch(() => {}); // closing it at the end is expected
  await Promise.race([until("ready"), failed]);
  return { until, close: () => ws.close() };
}

/** Sends one message and times its `token` and `done` frames on the socket; drains the SSE reply. */
async function wsMessage(ctx, user, conversationId, socket, content) {
  const token = socket.until("token");
  const done = socket.until("done");
  // If the POST fails, these time out later: that must not be an unhandled rejection.
  for (const p of [token, done]) p.catch(() => {});
  const { res, sentAt } = await send(
    ctx.port,
    HOSTS.app,
    `/api/v1/conversations/${conversationId}/messages`,
    {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ content }),
    },
  );
  if (res.statusCode !== 200) throw new Error(`POST message answered ${res.statusCode}`);
  // The POST's own SSE body is read to its end: the next message may be sent only after it.
  const [tokenAt, doneAt] = await Promise.all([
    token,
    done,
    res.resume() && new Promise((r) => res.on("end", r)),
  ]);
  return { firstTokenMs: tokenAt - sentAt, doneMs: doneAt - sentAt };
}

/** Runs `exchange` n times after `warmup` unmeasured ones; the series' CPU is measured alone. */
async function series(ctx, { warmup, samples }, exchange) {
  for (let i = 0; i < warmup; i++) await exchange(i);
  const meter = cpuMeter([ctx.pid]);
  const out = [];
  for (let i = warmup; i < warmup + samples; i++) out.push(await exchange(i));
  return { out, cpu: meter.stop() };
}

const chatResult = (label, { out, cpu }) => ({
  label,
  firstToken: summarize(out.map((x) => x.firstTokenMs)),
  done: summarize(out.map((x) => x.doneMs)),
  ...(out[0].headersMs !== undefined
    ? {
        headers: summarize(out.map((x) => x.headersMs)),
        tokensPerReply: summarize(out.map((x) => x.tokens)).p50Ms,
      }
    : {}),
  cpu,
});

async function chatSse(ctx, user, message) {
  const { projectId, conversationId } = await startConversation(ctx, user, "Bench chat (SSE)");
  const run = await series(ctx, { warmup: LATENCY.chatWarmup, samples: LATENCY.chatSamples }, (i) =>
    sseMessage(ctx, user, conversationId, message(i)),
  );
  return { projectId, result: chatResult("Chat message, SSE reply (sequential, one conversation)", run) };
}

async function chatWs(ctx, user, message) {
  const { conversationId } = await startConversation(ctx, user, "Bench chat (WebSocket)");
  const socket = await openSocket(ctx, user, conversationId);
  try {
    const run = await series(ctx, { warmup: LATENCY.chatWarmup, samples: LATENCY.chatSamples }, (i) =>
      wsMessage(ctx, user, conversationId, socket, message(i)),
    );
    return chatResult("Chat message, frames on an open WebSocket (sequential)", run);
  } finally {
    socket.close();
  }
}

/** Several users each holding their own interview at the same time: first token under load. */
async function chatConcurrent(ctx, users, message) {
  const convs = await Promise.all(
    users.map((u, i) => startConversation(ctx, u, `Bench chat (concurrent ${i})`)),
  );
  await Promise.all(users.map((u, i) => sseMessage(ctx, u, convs[i].conversationId, message(0))));
  const meter = cpuMeter([ctx.pid]);
  const runs = await Promise.all(
    users.map(async (u, k) => {
      const out = [];
      for (let i = 1; i <= LATENCY.concurrentMessagesEach; i++)
        out.push(await sseMessage(ctx, u, convs[k].conversationId, message(i)));
      return out;
    }),
  );
  return chatResult(`Chat message, SSE reply, ${users.length} users at once`, {
    out: runs.flat(),
    cpu: meter.stop(),
  });
}

const jobRow = (db, id) =>
  db
    .prepare("SELECT status, error, created_at AS createdAt, updated_at AS updatedAt FROM jobs WHERE id = ?")
    .bind(id)
    .first();

/**
 * One artifact job: POST → 202, then the job's row polled every few ms until it has finished.
 * `serverMs` is the same interval by the Worker's clock (created_at is set when the request is
 * handled, updated_at when the consumer saves the result): a check on the polling's resolution.
 */
async function oneJob(ctx, db, user, projectId, type) {
  const sentAt = performance.now();
  const { jobId } = await api(ctx, user, "POST", `/projects/${projectId}/artifacts`, { type });
  const acceptedMs = performance.now() - sentAt;
  for (
    const deadline = sentAt + LATENCY.jobTimeoutMs;
    performance.now() < deadline;
    await sleep(LATENCY.jobPollMs)
  ) {
    const row = await jobRow(db, jobId);
    if (row.status === "succeeded" || row.status === "failed") {
      if (row.status === "failed") throw new Error(`job ${jobId} (${type}) failed: ${row.error}`);
      return { acceptedMs, doneMs: performance.now() - sentAt, serverMs: row.updatedAt - row.createdAt };
    }
  }
  throw new Error(`job ${jobId} (${type}) not done after ${LATENCY.jobTimeoutMs} ms`);
}

/** Artifacts of a project whose interview is complete (the SSE series' user), one type after another. */
async function jobs(ctx, db, user, projectId, types) {
  const run = await series(ctx, { warmup: 2, samples: LATENCY.jobSamples }, (i) =>
    oneJob(ctx, db, user, projectId, types[i % types.length]),
  );
  return {
    label: "Artifact job, POST → succeeded (one at a time)",
    accepted: summarize(run.out.map((x) => x.acceptedMs)),
    done: summarize(run.out.map((x) => x.doneMs)),
    serverDone: summarize(run.out.map((x) => x.serverMs)),
    pollMs: LATENCY.jobPollMs,
    cpu: run.cpu,
  };
}

/**
 * 200 jobs, one per (project, artifact type), over several users and projects, posted
 * `drainConcurrency` at a time; D1 is polled for finished rows meanwhile. Per-job latency is from
 * its POST's send to the poll that first saw it finished.
 */
async function drain(ctx, db, users, types) {
  const projects = [];
  for (let i = 0; projects.length * types.length < LATENCY.drainJobs; i++) {
    const user = users[i % users.length];
    projects.push({ user, id: (await api(ctx, user, "POST", "/projects", { name: `Bench drain ${i}` })).id });
  }
  const work = Array.from({ length: LATENCY.drainJobs }, (_, i) => ({
    ...projects[i % projects.length],
    type: types[Math.floor(i / projects.length) % types.length],
  }));
  const sent = new Map(); // jobId → performance.now() of its POST
  const seen = new Map(); // jobId → { at, status, serverMs }
  const since = Date.now() - 1000;
  const meter = cpuMeter([ctx.pid]);
  const started = performance.now();
  let next = 0;
  const poster = async () => {
    while (next < work.length) {
      const w = work[next++];
      const at = performance.now();
      const { jobId } = await api(ctx, w.user, "POST", `/projects/${w.id}/artifacts`, { type: w.type });
      sent.set(jobId, at);
    }
  };
  let enqueuedAt;
  let postError;
  const posting = Promise.all(Array.from({ length: LATENCY.drainConcurrency }, poster)).then(
    () => (enqueuedAt = performance.now()),
    (e) => (postError = e),
  );
  const stmt = db.prepare(
    "SELECT id, status, updated_at - created_at AS serverMs FROM jobs WHERE kind = 'artifact' AND created_at >= ? AND status IN ('succeeded', 'failed')",
  );
  while (enqueuedAt === undefined || [...sent.keys()].some((id) => !seen.has(id))) {
    if (postError) throw postError;
    if (performance.now() - started > LATENCY.drainTimeoutMs)
      throw new Error(
        `drain: ${seen.size} of ${LATENCY.drainJobs} jobs done after ${LATENCY.drainTimeoutMs} ms`,
      );
    await sleep(LATENCY.drainPollMs);
    const now = performance.now();
    for (const row of (await stmt.bind(since).all()).results)
      if (!seen.has(row.id)) seen.set(row.id, { at: now, status: row.status, serverMs: row.serverMs });
  }
  await posting;
  const cpu = meter.stop();
  const ids = [...sent.keys()];
  const failed = ids.filter((id) => seen.get(id).status !== "succeeded");
  const finished = Math.max(...ids.map((id) => seen.get(id).at));
  const totalSeconds = (finished - started) / 1000;
  return {
    label: `Drain of ${ids.length} artifact jobs posted at once (${users.length} users, ${projects.length} projects)`,
    jobs: ids.length,
    failed: failed.length,
    enqueueSeconds: Math.round(enqueuedAt - started) / 1000,
    totalSeconds: Math.round(totalSeconds * 100) / 100,
    jobsPerSecond: round1(ids.length / totalSeconds),
    perJob: summarize(ids.map((id) => seen.get(id).at - sent.get(id))),
    serverPerJob: summarize(ids.map((id) => seen.get(id).serverMs)),
    pollMs: LATENCY.drainPollMs,
    cpu,
  };
}

/**
 * Every latency series, in order. `users` are seeded users (their tokens are minted here with the
 * app's issueAccessToken); `db` is the app's D1 through Miniflare. Returns the results, or
 * { error } so a failure here does not lose the load tests' figures.
 */
export async function measureLatency({ port, pid, db, users, jwtEnv, say }) {
  const m = await appModules();
  const pick = async (from, n) =>
    Promise.all(
      users
        .slice(from, from + n)
        .map(async (u) => ({ id: u.id, token: await m.issueAccessToken(jwtEnv, u.id, "user") })),
    );
  // Users from the end of the seeded list, each series its own, so no series meets another's limits.
  const base = users.length - (2 + LATENCY.concurrentClients + LATENCY.drainUsers);
  const [sseUser, wsUser] = await pick(base, 2);
  const concurrentUsers = await pick(base + 2, LATENCY.concurrentClients);
  const drainUsers = await pick(base + 2 + LATENCY.concurrentClients, LATENCY.drainUsers);
  const ctx = { port, pid };
  const message = interview(m);
  const out = { settings: { ...LATENCY }, targets: LATENCY_TARGETS };
  try {
    const sse = await chatSse(ctx, sseUser, message);
    out.chatSse = sse.result;
    say(
      `latency: chat SSE first token p50 ${out.chatSse.firstToken.p50Ms} ms, done p50 ${out.chatSse.done.p50Ms} ms`,
    );
    if (typeof WebSocket === "undefined")
      out.chatWs = {
        skipped: "no global WebSocket: run with node --experimental-websocket (npm run bench does)",
      };
    else {
      out.chatWs = await chatWs(ctx, wsUser, message);
      say(
        `latency: chat WebSocket first token p50 ${out.chatWs.firstToken.p50Ms} ms, done p50 ${out.chatWs.done.p50Ms} ms`,
      );
    }
    out.chatConcurrent = await chatConcurrent(ctx, concurrentUsers, message);
    say(
      `latency: chat SSE ×${LATENCY.concurrentClients} first token p50 ${out.chatConcurrent.firstToken.p50Ms} ms`,
    );
    // The SSE user's project has been through a whole interview: its artifacts have their facts.
    out.job = await jobs(ctx, db, sseUser, sse.projectId, m.ARTIFACT_TYPES);
    say(`latency: artifact job p50 ${out.job.done.p50Ms} ms (server ${out.job.serverDone.p50Ms} ms)`);
    out.drain = await drain(ctx, db, drainUsers, m.ARTIFACT_TYPES);
    say(
      `latency: drain of ${out.drain.jobs} jobs in ${out.drain.totalSeconds} s (${out.drain.jobsPerSecond}/s), ${out.drain.failed} failed`,
    );
  } catch (e) {
    say(`latency: failed: ${e.stack ?? e}`);
    out.error = String(e.message ?? e);
  }
  return out;
}

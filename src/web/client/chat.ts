/**
 * The chat page without reloads. A message is sent with fetch and its reply streams back over SSE,
 * rendered as Markdown while it arrives by the server's own renderer (lib/markdown.ts, bundled here),
 * then shown finished in place. The conversation's WebSocket (session cookie) brings what other tabs
 * send and receive and the jobs' news; after a dropped connection it resumes from the last event id
 * seen. Both channels carry the same numbered events, so each event is handled once, whichever
 * channel brings it first. Without script the forms post and the page reloads with the reply.
 */
import type { MessageView } from "../../features/chat/events";
import { renderMarkdown, renderStreamingMarkdown } from "../../lib/markdown";
import { apiFetch } from "./lib/api";
import { readSse } from "./lib/sse";
import { localizeTime } from "./lib/time";

/** A message as the API sends it (a type only: nothing of the server's code is bundled). */
type Message = MessageView;

/** A chat event (features/chat/events.ts), as both channels deliver it. */
interface ChatEvent {
  id?: number;
  type: string;
  replyId?: string;
  text?: string;
  message?: Message;
  messageIds?: string[];
  detail?: string;
  /** Generation and research news. */
  status?: string;
  jobId?: string;
  artifactType?: string;
  artifactId?: string;
  progress?: number;
  version?: number;
  query?: string;
  resultCount?: number;
}

/** While a reply streams, its text is drawn at most this often (a redraw re-renders all of it). */
const DRAW_MS = 50;
/** Within this distance of the bottom, the view follows the reply; further up, the reader is reading. */
const FOLLOW_PX = 120;
const PING_MS = 30_000;

const composer = document.querySelector<HTMLFormElement>("form[data-composer]");
const list = document.querySelector<HTMLOListElement>("[data-messages]");
const status = document.querySelector<HTMLElement>("[data-chat-status]");
const field = composer?.elements.namedItem("content") as HTMLTextAreaElement | null;

const agents = JSON.parse(list?.dataset.agents ?? "{}") as Record<string, string>;
const say = (text: string) => {
  if (status) status.textContent = text;
};

const seen = new Set<number>();
let lastEventId = Number(composer?.dataset.lastEventId ?? 0);
/** Replies being written, by reply id. */
const replies = new Map<string, { li: HTMLLIElement; body: HTMLElement; text: string; timer?: number }>();
let busy = false;
let pending: HTMLLIElement | undefined;
/** Markdown of the messages seen live, for Copy and Edit; older ones are read from the API. */
const sources = new Map<string, string>();
/** The last user message being edited in the composer, if any. */
let editing: string | undefined;
const stopButton = document.querySelector<HTMLButtonElement>("[data-stop]");
const usage = document.querySelector<HTMLElement>("[data-usage]");
const conversation = composer?.dataset.chat ?? "";

const nearBottom = () =>
  window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - FOLLOW_PX;

/** Changes the list, then keeps the newest line in view if the reader was already there. */
function update(change: () => void) {
  const follow = nearBottom();
  change();
  if (follow) window.scrollTo({ top: document.documentElement.scrollHeight });
}

function messageItem(m: Pick<Message, "role" | "agent" | "createdAt">): {
  li: HTMLLIElement;
  body: HTMLElement;
} {
  const li = document.createElement("li");
  li.className = `message ${m.role}`;
  li.dataset.role = m.role;
  const meta = document.createElement("p");
  meta.className = "meta";
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = m.role === "user" ? "You" : (agents[m.agent] ?? "Guide");
  const time = document.createElement("time");
  time.dateTime = m.createdAt;
  localizeTime(time);
  meta.append(who, " · ", time);
  const body = document.createElement("div");
  body.className = "prose";
  li.append(meta, body);
  list?.querySelector("[data-empty]")?.remove();
  list?.append(li);
  return { li, body };
}

const byId = (id: string) => list?.querySelector<HTMLLIElement>(`li[data-id="${CSS.escape(id)}"]`);

function showMessage(m: Message) {
  sources.set(m.id, m.content);
  const known = byId(m.id);
  if (known) {
    // An edited message comes again with its id.
    const body = known.querySelector(".prose");
    if (body) body.innerHTML = renderMarkdown(m.content);
    return;
  }
  update(() => {
    if (m.role === "user" && pending) {
      // This tab's own message, shown while it was being sent.
      pending.dataset.id = m.id;
      pending.classList.remove("pending");
      pending = undefined;
      return;
    }
    const { li, body } = messageItem(m);
    li.dataset.id = m.id;
    body.innerHTML = renderMarkdown(m.content);
    if (m.interrupted) markInterrupted(li);
  });
}

function streamToken(replyId: string, text: string) {
  let reply = replies.get(replyId);
  if (!reply) {
    const item = messageItem({
      role: "assistant",
      agent: currentAgent(),
      createdAt: new Date().toISOString(),
    });
    item.li.classList.add("writing");
    item.li.setAttribute("aria-busy", "true");
    reply = { ...item, text: "" };
    replies.set(replyId, reply);
    setBusy(true);
    say("The guide is writing…");
  }
  reply.text += text;
  const r = reply;
  r.timer ??= window.setTimeout(() => {
    r.timer = undefined;
    update(() => {
      r.body.innerHTML = renderStreamingMarkdown(r.text);
    });
  }, DRAW_MS);
}

/** The reply is saved: the streamed bubble becomes the message, rendered from its saved text. */
function finishReply(replyId: string, m: Message, ended?: string) {
  const reply = replies.get(replyId);
  replies.delete(replyId);
  if (reply) {
    clearTimeout(reply.timer);
    update(() => {
      reply.li.dataset.id = m.id;
      reply.li.classList.remove("writing");
      reply.li.removeAttribute("aria-busy");
      reply.body.innerHTML = renderMarkdown(m.content);
      if (m.stopped) markStopped(reply.li);
      if (m.interrupted) markInterrupted(reply.li);
      const time = reply.li.querySelector("time");
      if (time) {
        time.dateTime = m.createdAt;
        localizeTime(time);
      }
    });
  } else showMessage(m);
  sources.set(m.id, m.content);
  replyEnded(ended ?? (m.stopped ? "Stopped; the reply is saved as far as it got." : "Reply received."));
}

/** A reply a restart cut off (saved as far as it got): the status line says so; its Retry is among the actions. */
const markInterrupted = (li: HTMLElement) => li.classList.add("interrupted");

function markStopped(li: HTMLElement) {
  const meta = li.querySelector(".meta");
  if (meta && !meta.querySelector(".stopped")) {
    const tag = document.createElement("span");
    tag.className = "stopped";
    tag.textContent = " · stopped";
    meta.append(tag);
  }
}

function failReply(replyId: string | undefined, detail: string) {
  const reply = replyId ? replies.get(replyId) : undefined;
  if (reply && replyId) {
    replies.delete(replyId);
    clearTimeout(reply.timer);
    reply.li.classList.remove("writing");
    reply.li.removeAttribute("aria-busy");
    reply.li.classList.add("failed");
    reply.body.innerHTML = renderMarkdown(reply.text);
    const note = document.createElement("p");
    note.className = "field-error";
    note.textContent = detail;
    reply.li.append(note);
  }
  replyEnded(detail);
}

/** After each reply the composer is ready for the next message, unless the reader went elsewhere. */
function replyEnded(message: string) {
  setBusy(false);
  say(message);
  void refreshUsage();
  const here = document.activeElement;
  if (!here || here === document.body || composer?.contains(here)) field?.focus();
}

function setBusy(on: boolean) {
  busy = on;
  for (const b of document.querySelectorAll<HTMLButtonElement>("form[data-chat] button:not([data-stop])"))
    b.disabled = on;
  if (stopButton) stopButton.hidden = !on;
  refreshActions();
}

/** A small button of a message's or a job card's actions. */
function actionButton(label: string, action: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "secondary small";
  b.textContent = label;
  b.addEventListener("click", action);
  return b;
}

/** Copy on every message; Edit on the user's last one and Regenerate on the last reply, when idle. */
function refreshActions() {
  for (const old of list?.querySelectorAll("li[data-id] > .actions") ?? []) old.remove();
  const items = [...(list?.querySelectorAll<HTMLLIElement>("li[data-id]") ?? [])];
  const lastUser = items.filter((li) => li.dataset.role === "user").at(-1);
  const lastReply = items.at(-1)?.dataset.role === "assistant" ? items.at(-1) : undefined;
  for (const li of items) {
    const bar = document.createElement("div");
    bar.className = "actions";
    const add = (label: string, action: () => void) => bar.append(actionButton(label, action));
    add("Copy", () => void copy(li));
    if (!busy && li === lastUser) add("Edit", () => void edit(li));
    if (!busy && li === lastReply && lastUser)
      add(li.classList.contains("interrupted") ? "Retry" : "Regenerate", () => void regenerate());
    li.append(bar);
  }
}

const regenerate = () => talk(`/conversations/${conversation}/regenerate`, { method: "POST" });

const source = async (id: string) =>
  sources.get(id) ??
  ((await (await apiFetch(`/conversations/${conversation}/messages/${id}`)).json()) as Message).content;

async function copy(li: HTMLLIElement) {
  const text = await source(li.dataset.id ?? "").catch(() => undefined);
  const ok =
    text !== undefined &&
    (await navigator.clipboard?.writeText(text).then(
      () => true,
      () => false,
    ));
  say(ok ? "Copied the message's Markdown." : "Could not copy: select the text instead.");
}

async function edit(li: HTMLLIElement) {
  if (!field) return;
  field.value = await source(li.dataset.id ?? "").catch(() => "");
  editing = li.dataset.id;
  composer?.classList.add("editing");
  say("Editing your last message: send to run it again, or press Escape to cancel.");
  field.focus();
}

function endEdit() {
  editing = undefined;
  composer?.classList.remove("editing");
}

async function refreshUsage() {
  const res = await apiFetch("/chat/usage").catch(() => undefined);
  if (!usage || !res?.ok) return;
  const u = (await res.json()) as { perDay: number; leftToday: number };
  usage.textContent = `${u.leftToday} of ${u.perDay} messages left today`;
  usage.classList.toggle("low", u.leftToday <= u.perDay / 10);
}

const currentAgent = () =>
  (document.querySelector<HTMLSelectElement>(".agent-switch select")?.value ?? "product") as string;

/** Every event, from either channel, once. */
function handle(e: ChatEvent) {
  if (e.id !== undefined) {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    lastEventId = Math.max(lastEventId, e.id);
  }
  if (e.type === "message" && e.message) {
    showMessage(e.message);
    if (e.message.role === "user") setBusy(true);
    else refreshActions();
  } else if (e.type === "removed") {
    for (const id of e.messageIds ?? []) byId(id)?.remove();
    refreshActions();
  } else if (e.type === "token" && e.replyId) streamToken(e.replyId, e.text ?? "");
  else if (e.type === "done" && e.replyId && e.message) finishReply(e.replyId, e.message);
  else if (e.type === "generation" || e.type === "research") jobCard(e);
  else if (e.type === "interrupted" && e.replyId && e.message)
    finishReply(e.replyId, { ...e.message, interrupted: true }, e.detail);
  else if (e.type === "error")
    failReply(
      e.replyId,
      e.detail ?? "The reply could not be finished. Your message is saved; send it again.",
    );
}

/** Sends (or, with `path`, regenerates or edits) and reads the reply's stream; the socket fills any gap. */
async function talk(path: string, init: RequestInit, content?: string) {
  if (busy || !composer) return;
  setBusy(true);
  say("Sending…");
  const typed = field?.value ?? "";
  if (content !== undefined && !init.method?.startsWith("PUT"))
    update(() => {
      const item = messageItem({ role: "user", agent: "", createdAt: new Date().toISOString() });
      item.li.classList.add("pending");
      item.body.innerHTML = renderMarkdown(content);
      pending = item.li;
    });
  if (content !== undefined && field) field.value = "";
  const res = await apiFetch(path, {
    ...init,
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
  }).catch(() => undefined);
  if (!res?.ok || !res.body) {
    pending?.remove();
    pending = undefined;
    if (field && !field.value) field.value = typed;
    const problem = (await res?.json().catch(() => undefined)) as { detail?: string } | undefined;
    setBusy(false);
    say(problem?.detail ?? "The message could not be sent: check your connection and try again.");
    field?.focus();
    return;
  }
  endEdit();
  try {
    for await (const frame of readSse(res.body)) {
      handle({ ...JSON.parse(frame.data), type: frame.event, id: frame.id ? Number(frame.id) : undefined });
    }
  } catch {
    // The stream broke off; the socket brings the rest of the reply.
  }
}

const send = (content: string) =>
  editing
    ? talk(
        `/conversations/${conversation}/messages/${editing}`,
        { method: "PUT", body: JSON.stringify({ content }) },
        content,
      )
    : talk(
        `/conversations/${conversation}/messages`,
        { method: "POST", body: JSON.stringify({ content }) },
        content,
      );

/** The conversation's socket, reopened with growing pauses whenever it drops. */
function listen(conversationId: string) {
  let failures = 0;
  const open = () => {
    const url = new URL(`/api/v1/conversations/${conversationId}/ws`, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("lastEventId", String(lastEventId));
    const ws = new WebSocket(url);
    const ping = window.setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), PING_MS);
    ws.addEventListener("message", (m) => {
      if (m.data === "pong") return;
      const e = JSON.parse(String(m.data)) as ChatEvent & { complete?: boolean };
      if (e.type === "ready") {
        failures = 0;
        // More was missed than the server replays: the page itself is the full history.
        if (e.complete === false) window.location.reload();
      } else if (e.type !== "notice") handle(e);
    });
    ws.addEventListener("close", () => {
      clearInterval(ping);
      window.setTimeout(open, Math.min(30_000, 500 * 2 ** failures++));
    });
  };
  open();
}

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-chat]")) {
  form.addEventListener("submit", (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const content = (submitter?.name === "content" ? submitter.value : (field?.value ?? "")).trim();
    event.preventDefault();
    if (!content) {
      say("Write a message first.");
      field?.focus();
      return;
    }
    void send(content);
  });
}

stopButton?.addEventListener("click", async () => {
  const res = await apiFetch(`/conversations/${conversation}/stop`, { method: "POST" }).catch(
    () => undefined,
  );
  if (!res?.ok) say("Nothing to stop: the reply has ended.");
});

// Enter sends, Shift+Enter adds a line (and Enter while composing with an input method is left alone).
field?.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && editing) {
    endEdit();
    field.value = "";
    say("Edit cancelled.");
  }
  if (e.key !== "Enter" || e.shiftKey || e.isComposing) return;
  e.preventDefault();
  if (!busy) composer?.requestSubmit();
});

// Switching the guide without leaving the page.
const agentForm = document.querySelector<HTMLFormElement>("form.agent-switch");
agentForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const select = agentForm.querySelector("select");
  if (!select || !composer) return;
  const res = await apiFetch(`/conversations/${composer.dataset.chat}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ agent: select.value }),
  }).catch(() => undefined);
  say(
    res?.ok
      ? `The ${agents[select.value] ?? "guide"} answers from now on.`
      : "The guide could not be switched.",
  );
});

if (conversation) {
  // The script's own Retry (among the actions) replaces the page's form for it.
  for (const form of document.querySelectorAll("form[data-retry]")) form.remove();
  listen(conversation);
  refreshActions();
}

const types = JSON.parse(list?.dataset.types ?? "{}") as Record<string, string>;

/** A job the guide started, as a card that follows it: queued, running with progress, done or failed. */
function jobCard(e: ChatEvent) {
  const key = e.jobId ?? `${e.type}:${e.artifactType ?? e.query}`;
  let li = list?.querySelector<HTMLLIElement>(`li[data-job="${CSS.escape(key)}"]`);
  if (!li) {
    li = document.createElement("li");
    li.className = "job-card";
    li.dataset.job = key;
    li.innerHTML = '<p class="meta"></p><p></p><progress max="100"></progress><div class="actions"></div>';
    update(() => list?.append(li!));
  }
  const [title, line, bar, actions] = li.children as unknown as [
    HTMLElement,
    HTMLElement,
    HTMLProgressElement,
    HTMLElement,
  ];
  const name =
    e.type === "research" ? `Research: ${e.query}` : (types[e.artifactType ?? ""] ?? e.artifactType ?? "");
  title.textContent = name;
  const s = e.status ?? "";
  const done = s === "succeeded";
  const failed = s === "failed" || !["started", "queued", "running", "succeeded"].includes(s);
  bar.value = done ? 100 : (e.progress ?? 0);
  bar.hidden = failed;
  bar.setAttribute("aria-label", `${name}: ${bar.value}%`);
  line.textContent = done
    ? e.type === "research"
      ? `Done: ${e.resultCount ?? 0} results.`
      : `Ready${e.version ? `, version ${e.version}` : ""}.`
    : failed
      ? `Failed: ${e.detail ?? s}`
      : s === "running"
        ? `Writing… ${e.progress ?? 0}%`
        : "Queued…";
  li.className = `job-card ${done ? "done" : failed ? "failed" : "running"}`;
  actions.replaceChildren();
  const button = (label: string, run: () => void) => actions.append(actionButton(label, run));
  if (done && e.artifactId) button("Open", () => openPanel(e.artifactId!, name));
  if (failed)
    button(
      "Retry",
      () => void send(e.type === "research" ? `research ${e.query}` : `generate ${e.artifactType} anyway`),
    );
}

const panel = document.querySelector<HTMLElement>("[data-panel]");
const frame = panel?.querySelector<HTMLIFrameElement>("[data-panel-frame]");
let opener: HTMLElement | null = null;

/** The artifact beside the chat (over it on a phone), with its diagrams drawn by its own page. */
function openPanel(id: string, title: string) {
  if (!panel || !frame) return;
  opener = document.activeElement as HTMLElement | null;
  frame.src = `/artifacts/${id}/view`;
  frame.title = title;
  panel.querySelector("h2")!.textContent = title;
  panel.querySelector<HTMLAnchorElement>("[data-panel-full]")!.href = `/artifacts/${id}`;
  panel.hidden = false;
  document.body.classList.add("panel-open");
  panel.querySelector<HTMLButtonElement>("[data-panel-close]")?.focus();
}

function closePanel() {
  if (!panel || panel.hidden) return;
  panel.hidden = true;
  document.body.classList.remove("panel-open");
  opener?.focus();
}

panel?.querySelector("[data-panel-close]")?.addEventListener("click", closePanel);
document.addEventListener("keydown", (e) => e.key === "Escape" && closePanel());
// Links to an artifact, in messages and the project's list, open it in the panel.
document.addEventListener("click", (e) => {
  const a = (e.target as Element).closest?.<HTMLAnchorElement>('a[href^="/artifacts/"]');
  const id = a?.getAttribute("href")?.match(/^\/artifacts\/([0-9A-Z]{26})$/)?.[1];
  if (!a || !id || panel?.contains(a) || e.ctrlKey || e.metaKey || e.shiftKey) return;
  e.preventDefault();
  openPanel(id, a.textContent ?? "Artifact");
});

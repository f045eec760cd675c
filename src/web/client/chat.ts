/**
 * The chat page: sends through the API and shows the reply as its tokens arrive, then reloads so the
 * server renders the saved reply's Markdown (one sanitizer, on the server). Artifacts still being
 * generated are polled until ready. Without script the forms post and the page reloads with the reply.
 */
import { apiFetch } from "./lib/api";
import { readSse } from "./lib/sse";

const list = document.querySelector<HTMLOListElement>("[data-messages]");
const status = document.querySelector<HTMLElement>("[data-chat-status]");
const say = (text: string) => {
  if (status) status.textContent = text;
};

function bubble(role: "user" | "assistant", text: string): HTMLElement {
  const li = document.createElement("li");
  li.className = `message ${role}`;
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = role === "user" ? "You" : "Guide";
  const body = document.createElement("p");
  body.className = "prose streaming";
  body.textContent = text;
  li.append(meta, body);
  list?.append(li);
  li.scrollIntoView({ block: "end" });
  return body;
}

let busy = false;

async function send(form: HTMLFormElement, content: string) {
  busy = true;
  for (const b of document.querySelectorAll<HTMLButtonElement>("form[data-chat] button")) b.disabled = true;
  say("Sending…");
  const res = await apiFetch(`/conversations/${form.dataset.chat}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ content }),
  }).catch(() => undefined);
  if (!res?.ok || !res.body) {
    // The plain post gets a page that explains what went wrong (limits, a reply still being written).
    busy = false;
    form.submit();
    return;
  }
  bubble("user", content);
  let reply: HTMLElement | undefined;
  for await (const e of readSse(res.body)) {
    const data = JSON.parse(e.data) as { text?: string; detail?: string };
    if (e.event === "token") {
      reply ??= bubble("assistant", "");
      reply.textContent += data.text ?? "";
      say("The guide is writing…");
    } else if (e.event === "error") {
      say(`The reply failed: ${data.detail ?? "unknown error"}. Your message is saved; try again.`);
      break;
    } else if (e.event === "done") {
      say("Reply received.");
      window.location.reload();
      return;
    }
  }
  busy = false;
  for (const b of document.querySelectorAll<HTMLButtonElement>("form[data-chat] button")) b.disabled = false;
}

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-chat]")) {
  form.addEventListener("submit", (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const field = form.elements.namedItem("content") as HTMLTextAreaElement | null;
    const content = (submitter?.name === "content" ? submitter.value : (field?.value ?? "")).trim();
    if (!content || busy) return;
    event.preventDefault();
    void send(form, content);
  });
}

/** Artifacts being generated: ask every two seconds until each has a version, then say so. */
const pending = new Set(document.querySelectorAll<HTMLElement>("[data-generating]"));
if (pending.size) {
  const timer = setInterval(async () => {
    for (const el of pending) {
      const res = await apiFetch(`/artifacts/${el.dataset.generating}`).catch(() => undefined);
      if (!res?.ok) continue;
      const a = (await res.json()) as { title: string; status: string; version: number | null };
      if (a.status !== "ready") continue;
      el.textContent = `ready, version ${a.version}`;
      say(`${a.title} is ready.`);
      pending.delete(el);
    }
    if (pending.size === 0) clearInterval(timer);
  }, 2000);
}

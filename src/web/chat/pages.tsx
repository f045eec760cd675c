/**
 * A conversation: its history (Markdown rendered safely), the composer, quick commands, agent switch.
 * The page script (client/chat.ts) takes over sending and shows replies, other tabs' messages and job
 * news live in the same list; without it every form posts and the page reloads with the reply.
 */
import type { ArtifactView } from "../../features/artifacts/library";
import {
  AGENTS,
  AGENT_IDS,
  ARTIFACTS,
  ARTIFACT_TYPES,
  type AgentId,
} from "../../features/pipeline/catalogue";
import { INTERRUPTED_NOTE } from "../../features/chat/events";
import type { MessageView } from "../../features/chat/events";
import { MAX_MESSAGE_CHARS } from "../../features/chat/schemas";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert, SelectField } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";
import { AGENT_OPTIONS, ArtifactList, RenderedMarkdown, When } from "../ui/work";

/** A message as the chat API shows it (features/chat/events.ts), without the conversation it is in. */
export type ChatMessage = Omit<MessageView, "conversationId">;

export interface ChatPageProps {
  v: PageView;
  conversation: { id: string; title: string; agent: string; projectId: string; lastEventId: number };
  projectName: string;
  /** Oldest first. */
  messages: ChatMessage[];
  olderCursor: string | null;
  artifacts: ArtifactView[];
  usage: { perDay: number; leftToday: number };
  form?: FormState;
}

/** The guide's commands (docs/CHAT.md) that people use most, one press each. */
const QUICK = [
  { value: "skip", label: "Skip" },
  { value: "back", label: "Back" },
  { value: "menu", label: "Menu" },
] as const;

/** Who wrote a message: "You", or the guide that wrote it. */
export const authorOf = (m: { role: string; agent: string }) =>
  m.role === "user" ? "You" : (AGENTS[m.agent as AgentId]?.name ?? "Guide");

/** The guides' names and the artifact types' titles, for what the page script adds live. */
const AGENT_NAMES = JSON.stringify(Object.fromEntries(AGENT_IDS.map((id) => [id, AGENTS[id].name])));
const TYPE_TITLES = JSON.stringify(Object.fromEntries(ARTIFACT_TYPES.map((t) => [t, ARTIFACTS[t].title])));

/**
 * One message; client/chat.ts builds the same markup for messages that arrive live. A reply cut
 * off by a restart says so and offers a retry (without script, a form; the script puts its own
 * Retry among the message's actions).
 */
export function MessageItem({ m, v, base }: { m: ChatMessage; v?: PageView; base?: string }) {
  return (
    <li class={`message ${m.role}${m.interrupted ? " interrupted" : ""}`} data-id={m.id} data-role={m.role}>
      <p class="meta">
        <span class="who">{authorOf(m)}</span> · <When iso={m.createdAt} />
        {m.stopped && <span class="stopped"> · stopped</span>}
      </p>
      <RenderedMarkdown body={m.content} />
      {m.interrupted && (
        <>
          <p class="field-error" data-interrupted>
            {INTERRUPTED_NOTE}
          </p>
          {v && base && (
            <form method="post" action={`${base}/regenerate`} data-retry>
              <CsrfField v={v} />
              <button type="submit" class="secondary small">
                Retry
              </button>
            </form>
          )}
        </>
      )}
    </li>
  );
}

export function ChatPage({
  v,
  conversation,
  projectName,
  messages,
  olderCursor,
  artifacts,
  usage,
  form,
}: ChatPageProps) {
  const base = `/conversations/${conversation.id}`;
  return (
    <Layout v={v} title={conversation.title} scripts={["chat"]}>
      <div class="chat">
        <div class="chat-main">
          <header class="chat-head">
            <div>
              <p class="meta">
                <a href={`/projects/${conversation.projectId}`}>{projectName}</a>
              </p>
              <h1>{conversation.title}</h1>
            </div>
            <form method="post" action={`${base}/agent`} class="agent-switch">
              <CsrfField v={v} />
              <SelectField name="agent" label="Guide" options={AGENT_OPTIONS} value={conversation.agent} />
              <button type="submit" class="secondary small">
                Switch guide
              </button>
            </form>
          </header>

          <section aria-labelledby="history-heading">
            <h2 id="history-heading" class="visually-hidden">
              Messages
            </h2>
            {olderCursor && (
              <p>
                <a href={`${base}?cursor=${encodeURIComponent(olderCursor)}`}>Older messages</a>
              </p>
            )}
            <ol class="messages" data-messages data-agents={AGENT_NAMES} data-types={TYPE_TITLES}>
              {messages.length === 0 && (
                <li class="muted" data-empty>
                  Say hello: the guide will ask what it needs.
                </li>
              )}
              {messages.map((m) => (
                <MessageItem m={m} v={v} base={base} />
              ))}
            </ol>
          </section>

          <div class="composer-dock">
            <p class="meta chat-status" data-chat-status role="status" id="chat-end"></p>
            <form
              method="post"
              action={`${base}/messages`}
              class="quick"
              data-chat={conversation.id}
              aria-label="Quick commands"
            >
              <CsrfField v={v} />
              {QUICK.map((q) => (
                <button type="submit" class="secondary small" name="content" value={q.value}>
                  {q.label}
                </button>
              ))}
            </form>
            <form
              method="post"
              action={`${base}/messages`}
              class="composer"
              data-chat={conversation.id}
              data-composer
              data-last-event-id={String(conversation.lastEventId)}
            >
              <CsrfField v={v} />
              <FormAlert form={form} />
              <Field
                form={form}
                name="content"
                label="Your message"
                type="textarea"
                required
                maxlength={MAX_MESSAGE_CHARS}
                hint="Enter sends, Shift+Enter adds a line. Say “generate prd anyway”, “status” or “help”."
                attrs={{ rows: "2", enterkeyhint: "send" }}
              />
              <div class="form-actions">
                <button type="submit" data-send>
                  Send
                </button>
                <button type="button" class="danger" data-stop hidden>
                  Stop
                </button>
              </div>
              <p class={`meta usage${usage.leftToday <= usage.perDay / 10 ? " low" : ""}`} data-usage>
                {usage.leftToday} of {usage.perDay} messages left today
              </p>
            </form>
          </div>
        </div>

        {/* The page script opens artifacts here, beside the chat (over it on a phone). */}
        <section class="panel" data-panel hidden aria-labelledby="panel-heading">
          <div class="panel-bar">
            <h2 id="panel-heading">Artifact</h2>
            <a href="/artifacts" data-panel-full target="_top">
              Full page
            </a>
            <button type="button" class="secondary small" data-panel-close>
              Close
            </button>
          </div>
          <iframe title="The artifact" data-panel-frame></iframe>
        </section>
        <aside class="chat-side" aria-labelledby="chat-artifacts-heading">
          <h2 id="chat-artifacts-heading">Artifacts of this project</h2>
          <ArtifactList
            items={artifacts}
            empty="Nothing generated yet: ask the guide, or use the project's generate menu."
          />
        </aside>
      </div>
    </Layout>
  );
}

/** A conversation: its history (Markdown rendered safely), the send form, quick commands, agent switch. */
import type { ArtifactView } from "../../features/artifacts/library";
import { MAX_MESSAGE_CHARS } from "../../features/chat/schemas";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert, SelectField } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";
import { AGENT_OPTIONS, ArtifactList, formatDate, RenderedMarkdown } from "../ui/work";

export interface ChatMessage {
  id: string;
  role: "user" | "assistant";
  agent: string;
  content: string;
  createdAt: string;
}

export interface ChatPageProps {
  v: PageView;
  conversation: { id: string; title: string; agent: string; projectId: string };
  projectName: string;
  /** Oldest first. */
  messages: ChatMessage[];
  olderCursor: string | null;
  artifacts: ArtifactView[];
  form?: FormState;
}

/** The guide's commands (docs/CHAT.md) that people use most, one press each. */
const QUICK = [
  { value: "skip", label: "Skip" },
  { value: "back", label: "Back" },
  { value: "menu", label: "Menu" },
] as const;

export function ChatPage({
  v,
  conversation,
  projectName,
  messages,
  olderCursor,
  artifacts,
  form,
}: ChatPageProps) {
  const base = `/conversations/${conversation.id}`;
  return (
    <Layout v={v} title={conversation.title} scripts={["chat"]}>
      <p class="meta">
        <a href={`/projects/${conversation.projectId}`}>{projectName}</a>
      </p>
      <h1>{conversation.title}</h1>
      <form method="post" action={`${base}/agent`} class="agent-switch">
        <CsrfField v={v} />
        <SelectField name="agent" label="Guide" options={AGENT_OPTIONS} value={conversation.agent} />
        <button type="submit" class="secondary">
          Switch guide
        </button>
      </form>

      <section aria-labelledby="history-heading" class="section">
        <h2 id="history-heading" class="visually-hidden">
          Messages
        </h2>
        {olderCursor && (
          <p>
            <a href={`${base}?cursor=${encodeURIComponent(olderCursor)}`}>Older messages</a>
          </p>
        )}
        <ol class="messages" data-messages aria-live="polite">
          {messages.length === 0 && <li class="muted">Say hello: the guide will ask what it needs.</li>}
          {messages.map((m) => (
            <li class={`message ${m.role}`}>
              <p class="meta">
                {m.role === "user" ? "You" : `${m.agent} guide`} · {formatDate(m.createdAt)}
              </p>
              <RenderedMarkdown body={m.content} />
            </li>
          ))}
        </ol>
        <p class="meta" data-chat-status role="status" id="chat-end"></p>
      </section>

      <form method="post" action={`${base}/messages`} class="form-card chat-form" data-chat={conversation.id}>
        <CsrfField v={v} />
        <FormAlert form={form} />
        <Field
          form={form}
          name="content"
          label="Your message"
          type="textarea"
          required
          maxlength={MAX_MESSAGE_CHARS}
          hint="Answer the guide, or say “generate prd anyway”, “status” or “help”."
        />
        <div class="form-actions">
          <button type="submit">Send</button>
        </div>
      </form>
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

      <section class="section" aria-labelledby="chat-artifacts-heading">
        <h2 id="chat-artifacts-heading">Artifacts of this project</h2>
        <ArtifactList
          items={artifacts}
          empty="Nothing generated yet: ask the guide, or use the project's generate menu."
        />
      </section>
    </Layout>
  );
}

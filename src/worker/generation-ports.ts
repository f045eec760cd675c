/**
 * The generation ports as this Worker wires them:
 * - the author asks the configured LanguageModel (the chat's choice: OpenAI-compatible, Workers AI
 *   or offline) to write the artifact from the offline writer's draft, which already holds every
 *   fact and open question; the offline model returns the draft itself, so a fresh clone writes
 *   complete artifacts with no network;
 * - the observer posts progress to the conversation that asked, through its owner's Durable Object.
 */
import { ARTIFACTS } from "../features/pipeline/catalogue";
import { chatRuntime } from "../lib/llm/model";
import { userChat } from "../lib/user-chat";
import type { GenerationPorts } from "../features/artifacts/generation";
import { writeArtifact, type Written } from "../features/artifacts/writer";

function authorPrompt(title: string, instructions?: string) {
  return [
    `You write the ${title} of a UX project as Markdown.`,
    "The draft below is built from the facts the user gave. Improve its wording and structure, but keep every section heading,",
    "keep every fact, invent no facts, numbers, names or sources, and keep each open question as an open question.",
    "Keep Mermaid and wireframe code blocks valid. Keep every [n] citation and the References section exactly as they are. Answer with the document only.",
    instructions ? `The user asked for: ${instructions}` : "",
  ].join("\n");
}

export const generationPorts: GenerationPorts = {
  async author(env, input) {
    const draft: Written = writeArtifact(input);
    const model = chatRuntime.model(env, chatRuntime.config(env));
    if (model.name === "offline-guide") return draft;
    let body = "";
    for await (const delta of model.stream({
      system: authorPrompt(ARTIFACTS[input.type].title, input.instructions),
      messages: [],
      guideReply: draft.body,
      maxTokens: 4000,
    }))
      body += delta;
    return body.trim() ? { ...draft, body: `${body.trim()}\n` } : draft;
  },

  async observe(env, e) {
    if (!e.conversationId) return;
    const spec = ARTIFACTS[e.type];
    const done = e.status === "succeeded" || e.status === "failed";
    const text =
      e.status === "succeeded"
        ? `The ${spec.title} is ready (version ${e.version}): [open it](/artifacts/${e.artifactId}).`
        : `I could not write the ${spec.title}: ${e.error ?? "the job failed"} Say “generate ${spec.aliases[0]}” to try again.`;
    await userChat(env, { id: e.ownerId }).notify(
      {
        type: "generation",
        conversationId: e.conversationId,
        artifactType: e.type,
        status: e.status,
        jobId: e.jobId,
        artifactId: e.artifactId,
        progress: e.progress,
        ...(e.version ? { version: e.version } : {}),
        ...(e.error ? { detail: e.error } : {}),
      },
      done ? { agent: spec.agent, text } : undefined,
    );
  },
};

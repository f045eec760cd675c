/**
 * The generation ports as this Worker wires them:
 * - the author is the offline writer when the chat's model is the offline guide (a fresh clone
 *   writes complete artifacts with no network), and otherwise the configured LanguageModel
 *   (OpenAI-compatible or Workers AI) inside authoring.ts's guard rails: it gets the facts, the
 *   offline draft, the research and the instructions, and its answer is checked before saving;
 * - the observer posts progress to the conversation that asked, through its owner's Durable Object.
 */
import { ARTIFACTS } from "../features/pipeline/catalogue";
import { chatRuntime } from "../lib/llm/model";
import { userChat } from "../lib/user-chat";
import type { GenerationPorts } from "../features/artifacts/generation";
import { authorWithModel } from "../features/artifacts/authoring";
import { writeArtifact } from "../features/artifacts/writer";

export const generationPorts: GenerationPorts = {
  async author(env, input) {
    const model = chatRuntime.model(env, chatRuntime.config(env));
    if (model.name === "offline-guide") return writeArtifact(input);
    return authorWithModel(model, input);
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

/**
 * Which LanguageModel answers, chosen by configuration (CHAT_MODEL):
 * - "openai": any OpenAI-compatible Chat Completions endpoint (OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_KEY);
 * - "workers-ai": the AI binding, which only the production environment declares;
 * - "offline": the built-in guide, no network and no key;
 * - "auto" (default): openai when OPENAI_BASE_URL is set, else workers-ai when the binding exists,
 *   else offline. A fresh clone therefore talks to the offline guide.
 */
import { openAICompatible } from "./openai";
import { ModelError, type LanguageModel } from "./port";
import { workersAi, type AiRunner } from "./workers-ai";
import { Problem } from "../problem";
import { readChatConfig, type ChatConfig } from "./config";
import { isLoopbackHost } from "../transport";

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** The offline guide: streams the deterministic guide's reply word by word. */
const OFFLINE_GUIDE = "offline-guide";

export function offlineGuide(delayMs = 0): LanguageModel {
  return {
    name: OFFLINE_GUIDE,
    async *stream(req) {
      for (const word of req.guideReply.match(/\s*\S+/g) ?? []) {
        if (req.signal?.aborted) throw req.signal.reason ?? new ModelError("aborted");
        if (delayMs) await pause(delayMs, req.signal);
        yield word;
      }
    },
  };
}

export function selectModel(env: Env, config: ChatConfig): LanguageModel {
  const choice =
    config.model === "auto"
      ? config.openai.baseUrl
        ? "openai"
        : env.AI
          ? "workers-ai"
          : "offline"
      : config.model;
  if (choice === "openai") {
    if (!config.openai.baseUrl || !config.openai.model)
      throw new Problem(
        503,
        "The chat is misconfigured: CHAT_MODEL=openai needs OPENAI_BASE_URL and OPENAI_MODEL.",
      );
    return openAICompatible(config.openai);
  }
  if (choice === "workers-ai") {
    if (!env.AI)
      throw new Problem(
        503,
        "The chat is misconfigured: CHAT_MODEL=workers-ai needs the AI binding (deploy with --env production).",
      );
    return workersAi(env.AI as unknown as AiRunner, config.workersAiModel);
  }
  return offlineGuide(config.offlineDelayMs);
}

/**
 * Indirection the Durable Object calls through, so tests in workerd can put a scripted or failing
 * model (or a short time-out) in place with vi.spyOn, without a test-only code path in production.
 */
export const chatRuntime = {
  config: readChatConfig,
  model: selectModel,
};

/** The operator's own machine, by the one loopback rule (lib/transport.ts). */
const isLoopbackUrl = (url: string) => {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * Whether replies and artifacts come from a model outside this Worker, which then receives user
 * content (and so needs the user's consent). An OpenAI-compatible endpoint on loopback counts as
 * inside only when the operator says so (OPENAI_LOOPBACK_IS_LOCAL=true; off by default).
 */
export function usesExternalModel(env: Env): boolean {
  const config = chatRuntime.config(env);
  const model = chatRuntime.model(env, config);
  if (model.name === OFFLINE_GUIDE) return false;
  const local =
    config.openai.loopbackIsLocal &&
    model.name.startsWith("openai-compatible:") &&
    isLoopbackUrl(config.openai.baseUrl);
  return !local;
}

/** The chat's configuration, from vars and secrets (see lib/vars.ts). */
import { z } from "zod";
import { serviceUrl } from "../transport";
import { readVars } from "../vars";

const MODELS = ["auto", "offline", "openai", "workers-ai"] as const;

const Vars = z.object({
  CHAT_MODEL: z.enum(MODELS).default("auto"),
  OPENAI_BASE_URL: z.union([z.literal(""), serviceUrl("OPENAI_BASE_URL")]).default(""),
  OPENAI_MODEL: z.string().default(""),
  OPENAI_API_KEY: z.string().optional(),
  /** "true": an endpoint on this machine (loopback) is not an outside model, so it needs no consent. */
  OPENAI_LOOPBACK_IS_LOCAL: z.enum(["true", "false"]).default("false"),
  WORKERS_AI_MODEL: z.string().min(1).default("@cf/meta/llama-3.1-8b-instruct"),
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  CHAT_MESSAGES_PER_DAY: z.coerce.number().int().min(1).default(200),
  CHAT_HISTORY_TOKENS: z.coerce.number().int().min(200).default(3000),
  CHAT_REPLY_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  CHAT_REPLY_MAX_TOKENS: z.coerce.number().int().min(16).default(600),
  CHAT_OFFLINE_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(0),
});

export interface ChatConfig {
  model: (typeof MODELS)[number];
  openai: { baseUrl: string; model: string; apiKey?: string; loopbackIsLocal: boolean };
  workersAiModel: string;
  perMinute: number;
  perDay: number;
  historyTokens: number;
  timeoutMs: number;
  maxTokens: number;
  /** Pause between the offline guide's words, so a person watching the stream sees it stream. */
  offlineDelayMs: number;
}

export function readChatConfig(env: Env): ChatConfig {
  const v = readVars(env, Vars, "The chat");
  return {
    model: v.CHAT_MODEL,
    openai: {
      baseUrl: v.OPENAI_BASE_URL,
      model: v.OPENAI_MODEL,
      ...(v.OPENAI_API_KEY ? { apiKey: v.OPENAI_API_KEY } : {}),
      loopbackIsLocal: v.OPENAI_LOOPBACK_IS_LOCAL === "true",
    },
    workersAiModel: v.WORKERS_AI_MODEL,
    perMinute: v.CHAT_MESSAGES_PER_MINUTE,
    perDay: v.CHAT_MESSAGES_PER_DAY,
    historyTokens: v.CHAT_HISTORY_TOKENS,
    timeoutMs: v.CHAT_REPLY_TIMEOUT_MS,
    maxTokens: v.CHAT_REPLY_MAX_TOKENS,
    offlineDelayMs: v.CHAT_OFFLINE_DELAY_MS,
  };
}

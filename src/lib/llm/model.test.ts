import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newConversation, newProject } from "../../../test/chat";
import { api, problem, signUp } from "../../../test/helpers";
import { Problem } from "../problem";
import { readChatConfig } from "./config";
import { chatRuntime, selectModel, usesExternalModel } from "./model";

afterEach(() => vi.restoreAllMocks());

const withVars = (vars: Record<string, unknown>) => ({ ...env, ...vars }) as Env;

describe("choosing the language model", () => {
  it("uses the offline guide when nothing is configured", () => {
    expect(selectModel(env, readChatConfig(env)).name).toBe("offline-guide");
  });

  it("prefers a configured OpenAI-compatible endpoint, then the AI binding", () => {
    const openai = withVars({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1" });
    expect(selectModel(openai, readChatConfig(openai)).name).toBe("openai-compatible:llama3.1");
    const ai = withVars({ AI: { run: async () => new ReadableStream() } });
    expect(selectModel(ai, readChatConfig(ai)).name).toBe("workers-ai:@cf/meta/llama-3.1-8b-instruct");
  });

  it("fails loudly on incomplete configuration", () => {
    const noModel = withVars({ CHAT_MODEL: "openai", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" });
    expect(() => selectModel(noModel, readChatConfig(noModel))).toThrow(Problem);
    const noBinding = withVars({ CHAT_MODEL: "workers-ai" });
    expect(() => selectModel(noBinding, readChatConfig(noBinding))).toThrow(/AI binding/);
    expect(() => readChatConfig(withVars({ CHAT_MESSAGES_PER_DAY: "lots" }))).toThrow(
      /CHAT_MESSAGES_PER_DAY/,
    );
  });

  it("answers 503 and saves nothing when the configured model cannot be used", async () => {
    vi.spyOn(chatRuntime, "config").mockImplementation((e) => ({
      ...readChatConfig(e),
      model: "workers-ai",
    }));
    const me = await signUp("misconfigured");
    const conv = await newConversation(me.accessToken, (await newProject(me.accessToken)).id);
    const res = await api(`/conversations/${conv.id}/messages`, {
      method: "POST",
      token: me.accessToken,
      json: { content: "hi" },
    });
    expect(res.status).toBe(503);
    expect((await problem(res)).detail).toContain("AI binding");
    const page = (await (await api(`/conversations/${conv.id}`, { token: me.accessToken })).json()) as any;
    expect(page.messages.items).toEqual([]);
  });
});

describe("what counts as an outside model", () => {
  const openai = (vars: Record<string, unknown>) =>
    withVars({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1", ...vars });

  it("is any configured model, a loopback endpoint included, unless the operator marks loopback as local", () => {
    expect(usesExternalModel(env)).toBe(false);
    expect(usesExternalModel(openai({}))).toBe(true);
    expect(usesExternalModel(openai({ OPENAI_LOOPBACK_IS_LOCAL: "true" }))).toBe(false);
    expect(
      usesExternalModel(
        openai({ OPENAI_BASE_URL: "http://[::1]:8080/v1", OPENAI_LOOPBACK_IS_LOCAL: "true" }),
      ),
    ).toBe(false);
    // The setting never makes a remote endpoint local.
    expect(
      usesExternalModel(
        openai({ OPENAI_BASE_URL: "https://api.openai.com/v1", OPENAI_LOOPBACK_IS_LOCAL: "true" }),
      ),
    ).toBe(true);
    expect(() => readChatConfig(openai({ OPENAI_LOOPBACK_IS_LOCAL: "yes" }))).toThrow(
      /OPENAI_LOOPBACK_IS_LOCAL/,
    );
  });
});

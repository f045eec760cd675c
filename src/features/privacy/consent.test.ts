import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, problem, signUp, type Session } from "../../../test/helpers";
import type { LanguageModel } from "../../lib/llm/port";
import { Problem } from "../../lib/problem";
import { jobHandlers } from "../../worker/jobs";
import { chatRuntime } from "../../lib/llm/model";
import { consumeJobs, type JobMessage } from "../jobs/queue";
import { assertConsent, PURPOSES } from "../../lib/consent";

afterEach(() => vi.restoreAllMocks());

const CONSENT_TYPE = "https://uxprt.dev/problems/consent-required/external-model";

/** An outside model: it echoes what it was given, as a provider would receive it. */
function outsideModel(received: string[]): LanguageModel {
  return {
    name: "openai-compatible:test",
    async *stream(req) {
      received.push(req.guideReply);
      yield "Rephrased by the outside model.";
    },
  };
}

const answer = (s: Session, purpose: string, granted: boolean, version?: number) =>
  api("/users/me/consents", {
    method: "PUT",
    token: s.accessToken,
    json: { consents: [{ purpose, granted, ...(version ? { version } : {}) }] },
  });

describe("consents", () => {
  it("lists every purpose with its current version, none given for a new account", async () => {
    const s = await signUp("consent-new");
    const body = (await (await api("/users/me/consents", { token: s.accessToken })).json()) as {
      items: { purpose: string; version: number; granted: boolean; answeredVersion: number | null }[];
    };
    expect(body.items.map((i) => i.purpose)).toEqual([
      "terms",
      "external-model",
      "external-search",
      "analytics",
    ]);
    expect(body.items.every((i) => !i.granted && i.answeredVersion === null && i.version >= 1)).toBe(true);
  });

  it("are given and withdrawn, and every answer is audited", async () => {
    const s = await signUp("consent-audit");
    const given = (await (await answer(s, "analytics", true)).json()) as {
      items: { purpose: string; granted: boolean }[];
    };
    expect(given.items.find((i) => i.purpose === "analytics")?.granted).toBe(true);
    const withdrawn = (await (await answer(s, "analytics", false)).json()) as {
      items: { purpose: string; granted: boolean; answeredAt: string }[];
    };
    expect(withdrawn.items.find((i) => i.purpose === "analytics")).toMatchObject({
      granted: false,
      answeredAt: expect.any(String),
    });
    const { results } = await env.DB.prepare(
      "SELECT detail FROM audit_log WHERE event = 'consent.changed' AND subject_id = ? ORDER BY id",
    )
      .bind(s.id)
      .all<{ detail: string }>();
    expect(results.map((r) => JSON.parse(r.detail))).toEqual([
      { purpose: "analytics", version: 1, granted: true },
      { purpose: "analytics", version: 1, granted: false },
    ]);
  });

  it("refuses an answer to an outdated text (409), unknown purposes and duplicates (422)", async () => {
    const s = await signUp("consent-strict");
    expect((await answer(s, "terms", true, PURPOSES.terms.version + 1)).status).toBe(409);
    expect((await answer(s, "telepathy", true)).status).toBe(422);
    const dup = await api("/users/me/consents", {
      method: "PUT",
      token: s.accessToken,
      json: {
        consents: [
          { purpose: "terms", granted: true },
          { purpose: "terms", granted: false },
        ],
      },
    });
    expect(dup.status).toBe(422);
  });

  it("an answer to an older version of a purpose no longer counts", async () => {
    const s = await signUp("consent-old");
    await env.DB.prepare(
      "INSERT INTO consents (user_id, purpose, version, granted, updated_at) VALUES (?, 'external-search', 0, 1, 0)",
    )
      .bind(s.id)
      .run();
    const err = await assertConsent(env, s.id, "external-search").catch((e) => e);
    expect(err).toBeInstanceOf(Problem);
    expect(err).toMatchObject({ status: 403, extra: { code: "consent-required/external-search" } });
    await answer(s, "external-search", true);
    await expect(assertConsent(env, s.id, "external-search")).resolves.toBeUndefined();
  });
});

describe("an outside language model", () => {
  it("gets no chat message until consent is given, and none after it is withdrawn: the built-in guide answers instead", async () => {
    const received: string[] = [];
    vi.spyOn(chatRuntime, "model").mockReturnValue(outsideModel(received));
    const s = await signUp("consent-chat");
    const conv = await newConversation(s.accessToken, (await newProject(s.accessToken)).id);

    // Not a refusal: the offline guide replies, and nothing reaches the outside model.
    const offline = await say(s.accessToken, conv.id, "My idea is a pantry app");
    expect(offline.res.status).toBe(200);
    expect(offline.reply).toContain("Product guide");
    expect(offline.reply).not.toContain("Rephrased by the outside model.");
    expect(received).toHaveLength(0);

    await answer(s, "external-model", true);
    const { reply } = await say(s.accessToken, conv.id, "Busy parents waste food");
    expect(reply).toBe("Rephrased by the outside model.");
    expect(received).toHaveLength(1);

    await answer(s, "external-model", false);
    const withdrawn = await say(s.accessToken, conv.id, "Less waste at home");
    expect(withdrawn.reply).not.toContain("Rephrased by the outside model.");
    expect(withdrawn.reply.length).toBeGreaterThan(20);
    expect(received).toHaveLength(1);
  });

  it("writes no artifact without consent, and a job queued before a withdrawal fails without sending anything", async () => {
    const received: string[] = [];
    vi.spyOn(chatRuntime, "model").mockReturnValue(outsideModel(received));
    const s = await signUp("consent-artifact");
    const project = await newProject(s.accessToken);
    const generate = () =>
      api(`/projects/${project.id}/artifacts`, {
        method: "POST",
        token: s.accessToken,
        json: { type: "prd" },
      });
    const refused = await generate();
    expect(refused.status).toBe(403);
    expect((await problem(refused)).type).toBe(CONSENT_TYPE);

    // A job that was queued while consent was given, and runs after it was withdrawn.
    await answer(s, "external-model", false);
    const jobId = "01JQ0000000000000000000000";
    const input = { artifactId: "01JQ0000000000000000000001", type: "prd", source: "generated", facts: {} };
    await env.DB.prepare(
      "INSERT INTO artifacts (id, owner_id, project_id, type, title, created_at, updated_at) VALUES (?, ?, ?, 'prd', 'PRD', 0, 0)",
    )
      .bind(input.artifactId, s.id, project.id)
      .run();
    await env.DB.prepare(
      "INSERT INTO jobs (id, owner_id, project_id, kind, status, input, created_at, updated_at) VALUES (?, ?, ?, 'artifact', 'queued', ?, 0, 0)",
    )
      .bind(jobId, s.id, project.id, JSON.stringify(input))
      .run();
    const batch = createMessageBatch<JobMessage>("uxprt-jobs", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { jobId } },
    ]);
    await consumeJobs(batch, env, jobHandlers);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["m1"]);
    const job = (await (await api(`/jobs/${jobId}`, { token: s.accessToken })).json()) as {
      status: string;
      error: string;
    };
    expect(job).toMatchObject({ status: "failed", error: expect.stringContaining("consent") });
    expect(received).toHaveLength(0);
  });

  it("is not needed for the built-in offline guide", async () => {
    const s = await signUp("consent-offline");
    const conv = await newConversation(s.accessToken, (await newProject(s.accessToken)).id);
    expect((await say(s.accessToken, conv.id, "hello")).reply).not.toBe("");
  });
});

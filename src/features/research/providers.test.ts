import { afterEach, describe, expect, it, vi } from "vitest";
import { giveConsent, newProject } from "../../../test/chat";
import { api, problem, settled, signUp, type Session } from "../../../test/helpers";
import { SearchError, type SearchProvider, type SearchQuery } from "../../lib/search/port";
import { readResearchConfig, researchRuntime } from "./config";

type Search = {
  jobId: string;
  status: string;
  provider: string;
  cached: boolean;
  error: string | null;
  results: { title: string; url: string; source: string }[];
};
type Job = { status: string; attempts: number; error: string | null };

/** A scripted outside provider: answers with `script(call)`, counting its calls. */
function scripted(
  script: (
    q: SearchQuery,
    call: number,
  ) => Promise<{ title: string; url: string; snippet: string; source: string }[]>,
  name = "fake",
) {
  const calls: SearchQuery[] = [];
  const provider: SearchProvider = {
    name,
    external: true,
    shared: true,
    search: async (q) => script(q, calls.push(q)),
  };
  vi.spyOn(researchRuntime, "provider").mockReturnValue(provider);
  return calls;
}

const hit = (n: number) => ({
  title: `Web result ${n}`,
  url: `https://web${n}.example.com/`,
  snippet: `About ${n}`,
  source: "fake",
});

async function ask(s: Session, projectId: string, query: string, count = 10) {
  await giveConsent(s.accessToken, "external-search");
  const res = await api(`/projects/${projectId}/research`, {
    method: "POST",
    token: s.accessToken,
    json: { query, count },
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { jobId: string }).jobId;
}

afterEach(() => vi.restoreAllMocks());

describe("research through an outside provider", () => {
  it("serves the same normalized query from the cache, to any user, without asking the provider again", async () => {
    const calls = scripted(async () => [hit(1), hit(2)]);
    const a = await signUp("first");
    const b = await signUp("second");
    const pa = await newProject(a.accessToken);
    const pb = await newProject(b.accessToken);
    const fresh = await settled<Search>(
      a.accessToken,
      `/research/${await ask(a, pa.id, "Meal  Planning Apps")}`,
    );
    const again = await settled<Search>(
      b.accessToken,
      `/research/${await ask(b, pb.id, "meal planning apps ")}`,
    );
    expect(fresh).toMatchObject({ status: "succeeded", provider: "fake", cached: false });
    expect(again).toMatchObject({ status: "succeeded", provider: "fake", cached: true });
    expect(again.results).toEqual(fresh.results);
    expect(calls.map((q) => q.query)).toEqual(["meal planning apps"]);
    // Another page size is another question.
    await settled(a.accessToken, `/research/${await ask(a, pa.id, "meal planning apps", 3)}`);
    expect(calls).toHaveLength(2);
  });

  it("retries a rate-limited search and then succeeds", async () => {
    scripted(async (_q, call) => {
      if (call === 1)
        throw new SearchError("fake answered 429: slow down", "rate-limited", {
          status: 429,
          retryAfterSeconds: 0,
        });
      return [hit(3)];
    });
    const s = await signUp("patient");
    const p = await newProject(s.accessToken);
    const jobId = await ask(s, p.id, "retry me");
    expect(await settled<Job>(s.accessToken, `/jobs/${jobId}`)).toMatchObject({
      status: "succeeded",
      attempts: 2,
    });
    expect((await settled<Search>(s.accessToken, `/research/${jobId}`)).results.map((r) => r.url)).toEqual([
      "https://web3.example.com/",
    ]);
  });

  it("fails at once, with a plain reason, when the provider refuses or its quota is gone", async () => {
    const s = await signUp("refused");
    const p = await newProject(s.accessToken);
    const cases: [SearchError, RegExp][] = [
      [
        new SearchError("fake answered 401: key sk-secret-123 is invalid", "rejected", { status: 401 }),
        /^The search provider \(fake\) refused the search \(401\)\.$/,
      ],
      [
        new SearchError("fake answered 429: monthly quota", "rate-limited", {
          status: 429,
          retryAfterSeconds: 86_400,
        }),
        /no searches left for now; try again in about 24 h/,
      ],
      [new SearchError("fake sent a body that is not JSON.", "malformed"), /could not be read/],
    ];
    for (const [error, reason] of cases) {
      scripted(async () => {
        throw error;
      });
      const jobId = await ask(s, p.id, `case ${error.kind}`);
      const job = await settled<Job>(s.accessToken, `/jobs/${jobId}`);
      expect(job.status).toBe("failed");
      expect(job.attempts).toBe(1);
      expect(job.error).toMatch(reason);
      expect(job.error).not.toContain("sk-secret");
    }
  });

  it("asks for the user's consent first, and sends nothing without it", async () => {
    const calls = scripted(async () => [hit(4)]);
    const consent = vi.spyOn(researchRuntime, "consent");
    const s = await signUp("careful");
    const p = await newProject(s.accessToken);
    const res = await api(`/projects/${p.id}/research`, {
      method: "POST",
      token: s.accessToken,
      json: { query: "anything" },
    });
    expect(res.status).toBe(403);
    expect((await problem(res)).type).toBe("https://uxprt.dev/problems/consent-required/external-search");
    expect(consent).toHaveBeenCalledWith(expect.anything(), s.id, "external-search");
    expect(calls).toHaveLength(0);
  });

  it("needs no consent for offline research", async () => {
    const consent = vi.spyOn(researchRuntime, "consent");
    const s = await signUp("offline");
    const p = await newProject(s.accessToken);
    const done = await settled<Search>(s.accessToken, `/research/${await ask(s, p.id, "usability testing")}`);
    expect(done).toMatchObject({ status: "succeeded", provider: "local" });
    expect(consent).not.toHaveBeenCalled();
  });

  it("answers 503 naming what is missing when a provider is chosen without its key", async () => {
    vi.spyOn(researchRuntime, "config").mockImplementation((env) => ({
      ...readResearchConfig(env),
      provider: "brave",
      braveApiKey: undefined,
    }));
    const s = await signUp("misconfigured");
    const p = await newProject(s.accessToken);
    const res = await api(`/projects/${p.id}/research`, {
      method: "POST",
      token: s.accessToken,
      json: { query: "x" },
    });
    expect(res.status).toBe(503);
    expect((await problem(res)).detail).toBe(
      "Research is misconfigured: SEARCH_PROVIDER=brave needs the BRAVE_API_KEY secret.",
    );
  });
});

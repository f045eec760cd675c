import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { busyUser, get, jobDone } from "../../../test/account";
import { api, problem, signUp, type Session } from "../../../test/helpers";
import { unzip } from "../../../test/unzip";
import { base64url } from "../../lib/crypto";
import { csrfToken } from "../../lib/csrf";
import { KEY_LABELS, type KeyPurpose, mac } from "../../lib/keys";
import { addressPseudonym } from "../../lib/pseudonym";
import { downloadLink } from "./export";

type Status = { status: string; download: { url: string; expiresAt: string } | null; expiresAt: string };

async function exported(s: Session) {
  const res = await api("/users/me/export", { method: "POST", token: s.accessToken });
  expect(res.status).toBe(202);
  const { jobId, statusUrl } = (await res.json()) as { jobId: string; statusUrl: string };
  expect(res.headers.get("Location")).toBe(statusUrl);
  await jobDone(s, jobId);
  return { jobId, status: await get<Status>(s, statusUrl.replace("/api/v1", "")) };
}

const download = (url: string) => api(url.replace("/api/v1", ""));
const text = (files: Map<string, Uint8Array>, name: string) => new TextDecoder().decode(files.get(name));
const json = (files: Map<string, Uint8Array>, name: string) => JSON.parse(text(files, name));

describe("account export", () => {
  it("holds everything about the user, in the documented shapes, listed by the manifest", async () => {
    const u = await busyUser("exporter", "kumquat");
    const { status } = await exported(u.s);
    expect(status.status).toBe("succeeded");
    expect(Date.parse(status.download!.expiresAt)).toBeGreaterThan(Date.now());
    const res = await download(status.download!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const files = await unzip(new Uint8Array(await res.arrayBuffer()));

    const manifest = json(files, "manifest.json");
    expect(manifest).toMatchObject({ format: "uxprt-account-export", version: 1, userId: u.s.id });
    expect(manifest.sections.map((x: { name: string }) => x.name)).toEqual([
      "profile",
      "consents",
      "tokens",
      "projects",
      "conversations",
      "artifacts",
      "creations",
      "scores",
      "jobs",
      "research",
      "audit",
    ]);
    for (const section of manifest.sections)
      for (const f of section.files) expect(files.has(f), f).toBe(true);

    expect(json(files, "profile.json")).toMatchObject({
      id: u.s.id,
      email: u.s.email,
      displayName: "exporter",
    });
    expect(text(files, "profile.json")).not.toContain("pbkdf2");
    expect(
      json(files, "consents.json").find((c: { purpose: string }) => c.purpose === "analytics"),
    ).toMatchObject({ granted: true });
    const [project] = json(files, "projects.json");
    expect(project).toMatchObject({ id: u.project.id, name: "Project kumquat" });
    expect(project.guide.facts.productName.value).toBeTruthy();
    const conversation = json(files, `conversations/${u.conv.id}.json`);
    expect(conversation.messages.map((m: { role: string }) => m.role)).toEqual(
      expect.arrayContaining(["user", "assistant"]),
    );
    expect(conversation.messages[0].content).toBe("The product is kumquat");
    const artifact = json(files, `artifacts/${u.artifactId}/artifact.json`);
    expect(
      artifact.versions.map((v: { version: number; source: string }) => `${v.version}:${v.source}`),
    ).toEqual(["1:generated", "2:edit"]);
    expect(text(files, `artifacts/${u.artifactId}/v1.md`)).toContain("## Goals");
    expect(text(files, `artifacts/${u.artifactId}/v2.md`)).toBe("Edited: kumquat");
    const [creation] = json(files, "creations.json");
    expect(creation).toMatchObject({
      id: u.creation.id,
      title: "Creation kumquat",
      image: { file: `creations/${u.creation.id}/image.png` },
    });
    expect(files.get(`creations/${u.creation.id}/image.png`)!.subarray(1, 4)).toEqual(
      new TextEncoder().encode("PNG"),
    );
    expect(json(files, "scores.json")).toEqual([
      expect.objectContaining({ creationId: u.theirs.id, creativity: 10, uniqueness: 2 }),
    ]);
    expect(json(files, "jobs.json").map((j: { kind: string }) => j.kind)).toEqual(
      expect.arrayContaining(["artifact", "export"]),
    );
    expect(json(files, "audit.json").map((a: { event: string }) => a.event)).toEqual(
      expect.arrayContaining(["user.registered", "consent.changed", "data.export_requested"]),
    );
    // Nothing of the neighbour's.
    expect([...files.keys()].some((f) => f.includes(u.theirs.id))).toBe(false);
  });

  it("is stored sealed, and only a correctly signed, unexpired link downloads it", async () => {
    const s = await signUp("link-checker");
    const { jobId, status } = await exported(s);
    const stored = await env.MEDIA.get(`exports/${s.id}/${jobId}.zip`);
    expect(new TextDecoder().decode(new Uint8Array(await stored!.arrayBuffer()).subarray(0, 4))).toBe("UXS1");

    const url = new URL(status.download!.url, "http://x");
    const expires = Number(url.searchParams.get("expires"));
    const signature = url.searchParams.get("signature")!;
    const forged = `/exports/${jobId}?expires=${expires + 60_000}&signature=${signature}`;
    expect((await api(forged)).status).toBe(404);
    expect((await api(`/exports/${jobId}?expires=${expires}&signature=${"A".repeat(43)}`)).status).toBe(404);
    expect(signature).toMatch(/^[\w-]{43}$/); // the full 256-bit HMAC
    expect((await api(`/exports/${jobId}`)).status).toBe(422);
    // A link signed in the past has expired, though its signature is right.
    const old = await downloadLink({ env }, jobId, Date.now() - 60 * 60 * 1000);
    const expired = await download(old.url);
    expect(expired.status).toBe(404);
    expect((await problem(expired)).type).toBe("https://uxprt.dev/problems/export-link-expired");
  });

  it("is signed under a key of its own: no pseudonym or other MAC a user can obtain opens it", async () => {
    const s = await signUp("key-separation");
    const { jobId, status } = await exported(s);
    const expires = Number(new URL(status.download!.url, "http://x").searchParams.get("expires"));
    // The attack: a client that picks its address header sees the address's pseudonym in its own
    // audit log. Before keys were separated, that pseudonym was the signature.
    const chosen = await addressPseudonym(env, `export-link:${jobId}:${expires}`);
    expect((await api(`/exports/${jobId}?expires=${expires}&signature=${chosen}`)).status).not.toBe(200);
    // The same data under every other purpose's key is refused; only the export-link key signs.
    for (const purpose of Object.keys(KEY_LABELS) as KeyPurpose[]) {
      const sig = base64url(await mac(env, purpose, `${jobId}:${expires}`));
      const res = await api(`/exports/${jobId}?expires=${expires}&signature=${sig}`);
      expect(res.status, purpose).toBe(purpose === "exportLink" ? 200 : 404);
    }
  });

  it("starts only with a POST (with the page's CSRF token when by cookie); a GET only reads", async () => {
    const s = await signUp("export-csrf");
    const nonce = "n".repeat(43);
    const cookie = { Cookie: `__Host-uxprt-at=${s.accessToken}; __Host-uxprt-csrf=${nonce}` };
    const exportJobs = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE owner_id = ? AND kind = 'export'")
        .bind(s.id)
        .first<{ n: number }>())!.n;
    // What a cross-site link or image can make a browser send: a GET with the cookie.
    const read = await api("/users/me/export", { headers: cookie });
    expect(read.status).toBe(404);
    expect(await exportJobs()).toBe(0);
    // A cross-site form can POST with the cookie, but cannot know the token.
    const forged = await api("/users/me/export", { method: "POST", headers: cookie });
    expect(forged.status).toBe(403);
    expect(await exportJobs()).toBe(0);
    const started = await api("/users/me/export", {
      method: "POST",
      headers: { ...cookie, "X-CSRF-Token": await csrfToken(env, nonce, s.id) },
    });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    const latest = await api("/users/me/export", { headers: cookie });
    expect(latest.status).toBe(200);
    expect(await latest.json()).toMatchObject({ id: jobId });
    expect(await exportJobs()).toBe(1);
  });

  it("is built once for repeated requests within ten minutes", async () => {
    const s = await signUp("impatient");
    const { jobId } = await exported(s);
    const again = (await (
      await api("/users/me/export", { method: "POST", token: s.accessToken })
    ).json()) as {
      jobId: string;
      started: boolean;
    };
    expect(again).toMatchObject({ jobId, started: false });
    await env.DB.prepare("UPDATE jobs SET created_at = created_at - 11 * 60 * 1000 WHERE id = ?")
      .bind(jobId)
      .run();
    const later = (await (
      await api("/users/me/export", { method: "POST", token: s.accessToken })
    ).json()) as {
      jobId: string;
      started: boolean;
    };
    expect(later.started).toBe(true);
    expect(later.jobId).not.toBe(jobId);
  });

  it("is private: another user can neither see its status nor start one for someone else", async () => {
    const s = await signUp("export-owner");
    const other = await signUp("export-snoop");
    const { jobId } = await exported(s);
    expect((await api(`/users/me/exports/${jobId}`, { token: other.accessToken })).status).toBe(404);
    expect((await api("/users/me/export", { method: "POST" })).status).toBe(401);
  });
});

/** Test helpers for privacy flows: a user with data in every store, and waiting for jobs. */
import { expect } from "vitest";
import { newConversation, newProject, say } from "./chat";
import { api, png, publish, signUp, type Session } from "./helpers";

export const get = async <T>(s: Session, path: string) =>
  (await (await api(path, { token: s.accessToken })).json()) as T;

export async function jobDone(s: Session, jobId: string) {
  await expect
    .poll(async () => (await get<{ status: string }>(s, `/jobs/${jobId}`)).status, {
      timeout: 15_000,
      interval: 100,
    })
    .toMatch(/succeeded|failed/);
  return get<{ status: string; error: string | null }>(s, `/jobs/${jobId}`);
}

/**
 * A user who did everything there is to do: made an access token, chatted, generated and edited an artifact, published a
 * creation with an image, scored someone else's creation and gave a consent. `words` is put into
 * each of those, so a search of any store for it finds what is left of the user.
 */
export async function busyUser(name: string, words: string) {
  const s = await signUp(name);
  await api("/users/me/consents", {
    method: "PUT",
    token: s.accessToken,
    json: { consents: [{ purpose: "analytics", granted: true }] },
  });
  await api("/tokens", {
    method: "POST",
    token: s.accessToken,
    json: { name: `Token ${words}`, scopes: ["read:projects"] },
  });
  const project = await newProject(s.accessToken, `Project ${words}`);
  const conv = await newConversation(s.accessToken, project.id);
  await say(s.accessToken, conv.id, `The product is ${words}`);
  const started = (await (
    await api(`/projects/${project.id}/artifacts`, {
      method: "POST",
      token: s.accessToken,
      json: { type: "prd", conversationId: conv.id },
    })
  ).json()) as { jobId: string; artifactId: string };
  expect((await jobDone(s, started.jobId)).status).toBe("succeeded");
  await api(`/artifacts/${started.artifactId}`, {
    method: "PUT",
    token: s.accessToken,
    json: { body: `Edited: ${words}` },
  });
  const creation = await publish(s.accessToken, {
    title: `Creation ${words}`,
    tags: [`tag-${words}`, `common-${name}`],
    image: png(),
  });
  const other = await signUp(`${name}-neighbour`);
  const theirs = await publish(other.accessToken, {
    title: "Neighbour's rocket",
    tags: [`common-${name}`],
    image: png(),
  });
  const scored = await api(`/creations/${theirs.id}/score`, {
    method: "PUT",
    token: s.accessToken,
    json: { creativity: 10, uniqueness: 2 },
  });
  expect(scored.status).toBe(200);
  return { s, other, project, conv, artifactId: started.artifactId, creation, theirs };
}

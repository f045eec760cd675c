/** Read replication's bookmarks round-trip (lib/d1-session.ts). */
import { describe, expect, it } from "vitest";
import { api, creationForm, signUp } from "../../test/helpers";
import { BOOKMARK_HEADER } from "./d1-session";

const BOOKMARK_COOKIE = "__Host-uxprt-d1";

describe("D1 session bookmarks", () => {
  it("a write answers with a primary bookmark; a read sent with it sees the write and answers a bookmark as recent", async () => {
    const s = await signUp("bookmark");
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "Read your writes", tags: ["bookmarked"] }),
    });
    expect(res.status).toBe(201);
    const mark = res.headers.get(BOOKMARK_HEADER);
    expect(mark).toMatch(/^[\w.:-]+$/);
    // Browsers get the same bookmark as a cookie, sent back by themselves.
    expect(res.headers.get("Set-Cookie")).toContain(`${BOOKMARK_COOKIE}=${mark}`);
    const { id } = (await res.json()) as { id: string };

    const read = await api("/creations/search?tag=bookmarked", { headers: { [BOOKMARK_HEADER]: mark! } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([id]);
    const back = read.headers.get(BOOKMARK_HEADER);
    expect(back).toBeTruthy();
    // D1 bookmarks order lexically: the read's session is at least as recent as the write.
    expect(back! >= mark!).toBe(true);

    const byCookie = await api(`/creations/${id}`, { headers: { Cookie: `${BOOKMARK_COOKIE}=${mark}` } });
    expect(byCookie.status).toBe(200);
  });

  it("a read without a bookmark still gets one, and a malformed bookmark is ignored", async () => {
    const plain = await api("/creations");
    expect(plain.status).toBe(200);
    expect(plain.headers.get(BOOKMARK_HEADER)).toBeTruthy();
    const odd = await api("/creations", { headers: { [BOOKMARK_HEADER]: "not a bookmark;" } });
    expect(odd.status).toBe(200);
  });

  it("a failed write gives no bookmark of its own", async () => {
    const s = await signUp("nobookmark");
    const res = await api("/creations", { method: "POST", token: s.accessToken, body: new FormData() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get("Set-Cookie") ?? "").not.toContain(BOOKMARK_COOKIE);
  });
});

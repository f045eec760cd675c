/**
 * Everyday traffic under production's KV write rate (the pool's KV takes one write a second per
 * key, test/kv-write-limit.mjs): the four scenarios that answered 500 before, and a burst of 100
 * sign-ins and 100 score writes from many users at once. No answer may be a 5xx; each write lands.
 */
import { describe, expect, it } from "vitest";
import { api, publish, signUp, type Session } from "./helpers";

const PASSWORD = "correct horse battery";
const OFFICE = { "CF-Connecting-IP": "198.51.100.7" };

const login = (s: Session, headers: Record<string, string>) =>
  api("/auth/login", { method: "POST", json: { email: s.email, password: PASSWORD }, headers });

const scoreIt = (s: Session, id: string, creativity: number) =>
  api(`/creations/${id}/score`, { method: "PUT", token: s.accessToken, json: { creativity, uniqueness: 5 } });

const statuses = (all: Response[]) => all.map((r) => r.status);
const serverErrors = (all: Response[]) => all.filter((r) => r.status >= 500).length;

describe("under KV's one write a second per key", () => {
  it("one user saves their profile twice 300 ms apart, and the second change is kept", async () => {
    const s = await signUp("profile");
    for (const displayName of ["First name", "Second name"]) {
      const res = await api("/users/me", { method: "PATCH", token: s.accessToken, json: { displayName } });
      expect(res.status).toBe(200);
    }
    const me = (await (await api("/users/me", { token: s.accessToken })).json()) as { displayName: string };
    expect(me.displayName).toBe("Second name");
  });

  it("two users publish in the same second, both are told so, and both creations are listed", async () => {
    const [a, b] = await Promise.all([signUp("pub-a"), signUp("pub-b")]);
    const [ca, cb] = await Promise.all([
      publish(a.accessToken, { title: "Same second A", tags: ["same-second"] }),
      publish(b.accessToken, { title: "Same second B", tags: ["same-second"] }),
    ]);
    const page = (await (await api("/creations/search?tag=same-second")).json()) as {
      items: { id: string }[];
    };
    expect(page.items.map((i) => i.id).sort()).toEqual([ca.id, cb.id].sort());
  });

  it("two users score one creation together, and the summary counts both", async () => {
    const [owner, x, y] = await Promise.all([signUp("own"), signUp("sx"), signUp("sy")]);
    const c = await publish(owner.accessToken, { title: "Scored together" });
    expect(statuses(await Promise.all([scoreIt(x, c.id, 8), scoreIt(y, c.id, 6)]))).toEqual([200, 200]);
    const view = (await (await api(`/creations/${c.id}`)).json()) as { score: { count: number } };
    expect(view.score.count).toBe(2);
  });

  it("two colleagues behind one office address sign in together", async () => {
    const [a, b] = await Promise.all([signUp("colleague-a"), signUp("colleague-b")]);
    expect(statuses(await Promise.all([login(a, OFFICE), login(b, OFFICE)]))).toEqual([200, 200]);
  });

  it("a burst of 100 sign-ins and 100 score writes from many users gives no 5xx, and every score lands", async () => {
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(`burst-${i}`)));
    const owners = users.slice(0, 5);
    const creations = await Promise.all(
      owners.map((o, i) => publish(o.accessToken, { title: `Burst ${i}` })),
    );
    // Each user scores each creation it does not own (20×5 − 5 = 95), and five score one twice: 100.
    const writes = users.flatMap((u) =>
      creations
        .filter((_, i) => owners[i] !== u)
        .map((c, i) => () => scoreIt(u, c.id, 1 + ((i + u.email.length) % 10))),
    );
    writes.push(...users.slice(5, 10).map((u) => () => scoreIt(u, creations[0]!.id, 9)));
    // Half the sign-ins come from one office address, half from their own.
    const logins = users.flatMap((u, i) =>
      Array.from(
        { length: 5 },
        (_, j) => () => login(u, (i + j) % 2 ? OFFICE : { "CF-Connecting-IP": `203.0.113.${i * 5 + j}` }),
      ),
    );
    expect(writes).toHaveLength(100);
    expect(logins).toHaveLength(100);
    const all = await Promise.all([...writes, ...logins].map((send) => send()));
    expect(serverErrors(all), statuses(all).join(",")).toBe(0);
    // Score writes are well under every limit: all of them land. Sign-ins may meet the per-address
    // password-guessing limit (429), never a server error.
    expect(statuses(all.slice(0, 100)).every((s) => s === 200)).toBe(true);
    expect(statuses(all.slice(100)).every((s) => s === 200 || s === 429)).toBe(true);
    for (const [i, c] of creations.entries()) {
      const view = (await (await api(`/creations/${c.id}`)).json()) as { score: { count: number } };
      // Everyone but the owner scored it once (a second score replaces the first).
      expect(view.score.count, `creation ${i}`).toBe(19);
    }
  }, 60_000);
});

import { describe, expect, it } from "vitest";
import { api, publish, signUp } from "../../../test/helpers";

describe("my profile", () => {
  it("a new display name shows on my creations at once, cached views included", async () => {
    const me = await signUp("before");
    const c = await publish(me.accessToken, { title: "Named", tags: ["renamed"] });
    // Warm the caches of the creation and of a listing.
    await api(`/creations/${c.id}`);
    await api("/creations?tag=renamed");
    const res = await api("/users/me", {
      method: "PATCH",
      token: me.accessToken,
      json: { displayName: "after" },
    });
    expect(res.status).toBe(200);
    const one = (await (await api(`/creations/${c.id}`)).json()) as { owner: { displayName: string } };
    expect(one.owner.displayName).toBe("after");
    const list = (await (await api("/creations?tag=renamed")).json()) as {
      items: { owner: { displayName: string } }[];
    };
    expect(list.items[0]!.owner.displayName).toBe("after");
  });
});

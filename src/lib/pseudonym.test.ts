import { describe, expect, it } from "vitest";
import { addressPseudonym, pseudonym } from "./pseudonym";

const A = { JWT_SECRET: "a".repeat(40) };
const B = { JWT_SECRET: "b".repeat(40) };

describe("pseudonyms", () => {
  it("are keyed: the same address under another secret is another pseudonym", async () => {
    expect(await pseudonym(A, "203.0.113.7")).toMatch(/^[0-9a-f]{24}$/);
    expect(await pseudonym(A, "203.0.113.7")).not.toBe(await pseudonym(B, "203.0.113.7"));
  });

  it("remembers recent addresses without changing the answer, per secret", async () => {
    const first = await addressPseudonym(A, "198.51.100.1");
    expect(first).toBe(await pseudonym(A, "198.51.100.1"));
    expect(await addressPseudonym(A, "198.51.100.1")).toBe(first);
    // After a secret rotation the remembered value must not be served.
    expect(await addressPseudonym(B, "198.51.100.1")).toBe(await pseudonym(B, "198.51.100.1"));
    expect(await addressPseudonym(B, "198.51.100.1")).not.toBe(first);
  });

  it("stays bounded: many addresses still answer correctly", async () => {
    for (let i = 0; i < 300; i++) {
      const address = `192.0.2.${i % 256}-${i}`;
      expect(await addressPseudonym(A, address)).toBe(await pseudonym(A, address));
    }
    expect(await addressPseudonym(A, "198.51.100.1")).toBe(await pseudonym(A, "198.51.100.1"));
  });
});

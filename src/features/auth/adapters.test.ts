import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Problem } from "../../lib/problem";
import { RESEND_ENDPOINT, resendMailer } from "./mailer";
import { issueAccessToken } from "../../lib/tokens";

describe("Resend mailer", () => {
  it("posts Resend's JSON with a bearer key", async () => {
    const seen: Request[] = [];
    const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return Response.json({ id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }, { status: 200 });
    }) as typeof fetch;
    await resendMailer("re_test_key", "uXPRT <no-reply@example.com>", fake).send({
      to: "ada@example.com",
      subject: "Hi",
      text: "Body",
    });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.url).toBe(RESEND_ENDPOINT);
    expect(req.method).toBe("POST");
    expect(req.headers.get("Authorization")).toBe("Bearer re_test_key");
    expect(req.headers.get("Content-Type")).toBe("application/json");
    expect(await req.json()).toEqual({
      from: "uXPRT <no-reply@example.com>",
      to: ["ada@example.com"],
      subject: "Hi",
      text: "Body",
    });
  });

  it("surfaces Resend's error body and never the key", async () => {
    const fake = (async () =>
      Response.json(
        { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
        { status: 422 },
      )) as unknown as typeof fetch;
    const err = await resendMailer("re_secret", "a@b.c", fake)
      .send({ to: "x", subject: "s", text: "t" })
      .catch((e: Error) => e);
    expect(String(err)).toContain("validation_error");
    expect(String(err)).toContain("Invalid `to` field.");
    expect(String(err)).not.toContain("re_secret");
  });
});

describe("JWT_SECRET", () => {
  it("must be at least 32 bytes, or sign-in is refused with 503", async () => {
    const err = await issueAccessToken({ ...env, JWT_SECRET: "too-short" }, "u", "user").catch((e) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).status).toBe(503);
    const none = await issueAccessToken({ ...env, JWT_SECRET: undefined }, "u", "user").catch((e) => e);
    expect((none as Problem).status).toBe(503);
  });
});

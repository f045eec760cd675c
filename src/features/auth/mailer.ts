/**
 * The Mailer port: how uXPRT sends email.
 *
 * - `outbox` (default, offline): writes the message to D1's outbox table, which tests and the local
 *   admin read (GET /api/v1/admin/outbox).
 * - `resend`: Resend's HTTP API (POST https://api.resend.com/emails, Bearer key), chosen with
 *   MAILER=resend and the MAIL_API_KEY secret.
 */
import { outbox } from "../../db/schema";
import { newId } from "../../lib/crypto";
import type { Database } from "../../lib/db";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}

export const outboxMailer = (db: Database): Mailer => ({
  async send(email) {
    await db.insert(outbox).values({ id: newId(), ...email, createdAt: Date.now() });
  },
});

export const RESEND_ENDPOINT = "https://api.resend.com/emails";

export const resendMailer = (apiKey: string, from: string, fetcher: typeof fetch = fetch): Mailer => ({
  async send(email) {
    const res = await fetcher(RESEND_ENDPOINT, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ from, to: [email.to], subject: email.subject, text: email.text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      // Resend answers errors as {statusCode, name, message}; keep the reason, never the key.
      const body = (await res.json().catch(() => ({}))) as { name?: string; message?: string };
      throw new Error(
        `Resend refused the email (${res.status} ${body.name ?? ""}): ${body.message ?? "no reason given"}`,
      );
    }
  },
});

export function mailerFor(env: Env, db: Database): Mailer {
  if (env.MAILER === "resend") {
    if (!env.MAIL_API_KEY) throw new Error("MAILER=resend needs the MAIL_API_KEY secret");
    return resendMailer(env.MAIL_API_KEY, env.MAIL_FROM);
  }
  return outboxMailer(db);
}

/**
 * What surrounds the account flows at both doors, the API routes and the web pages, so that both
 * apply the same rate limits and neither reveals through its timing whether an email has an account.
 */
import { hit } from "../../lib/rate-limit";
import { mailerFor } from "./mailer";
import type { Deps } from "../../lib/deps";
import { requestPasswordReset } from "./service";

export async function limitLogin(env: Env, client: string, email: string) {
  await hit(env, "loginPerClient", client);
  await hit(env, "loginPerEmail", email);
}

export async function limitRegister(env: Env, client: string, email: string) {
  await hit(env, "registerPerClient", client);
  await hit(env, "registerPerEmail", email);
}

/**
 * Starts a password reset after the response: the caller answers at once whether or not the account
 * exists, so neither the answer nor its duration tells anyone which emails have accounts.
 */
export async function resetInBackground(
  deps: Deps,
  waitUntil: (p: Promise<unknown>) => void,
  input: { email: string },
) {
  await hit(deps.env, "passwordResetPerEmail", input.email);
  waitUntil(
    requestPasswordReset(deps, mailerFor(deps.env, deps.db), input).catch((e) =>
      console.error(
        JSON.stringify({
          level: "error",
          msg: "password reset mail failed",
          requestId: deps.ctx.requestId,
          error: String(e),
        }),
      ),
    ),
  );
}

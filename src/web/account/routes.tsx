/** /account: the signed-in user's profile and password, consents, data export and account deletion. */
import { Hono, type Context } from "hono";
import { UpdateMeBody } from "../../features/auth/schemas";
import * as accounts from "../../features/auth/service";
import { updateProfile } from "../../features/users/service";
import { ChangePasswordForm } from "../auth/schemas";
import { deps } from "../../lib/deps";
import type { AppEnv } from "../../lib/app-env";
import { readForm, submit } from "../forms";
import { withNotice } from "../paths";
import { endSession, requireSignedIn, startSession } from "../session";
import { answerConsents, listConsents, PURPOSE_NAMES } from "../../lib/consent";
import { eraseMyself } from "../../features/privacy/erasure";
import { exportStatus, requestExport } from "../../features/privacy/export";
import { z } from "zod";
import { viewOf } from "../ui/view";
import { AccountPage, type AccountForms } from "./pages";
import { CreateTokenForm, type TokensView } from "./tokens";
import { createToken, listTokens, renameMyToken, revokeMyToken } from "../../features/tokens/service";
import { RenameTokenBody, TokenIdParam } from "../../features/tokens/schemas";

/** The account page with its data; `extra` adds a form's state or a just-created token. */
async function accountPage(
  c: Context<AppEnv>,
  extra: { forms?: AccountForms; created?: TokensView["created"] } = {},
) {
  const tokens = await listTokens({ db: deps(c).db }, c.get("user")!.id);
  return (
    <AccountPage
      v={viewOf(c)}
      privacy={await privacyView(c)}
      tokens={{ ...tokens, created: extra.created }}
      forms={extra.forms}
    />
  );
}

/** Consents and, when asked for (?export=<job id>), the state of a data export. */
async function privacyView(c: Context<AppEnv>) {
  const user = c.get("user")!;
  const exportId = c.req.query("export");
  const status =
    exportId && /^[0-9A-Z]{26}$/.test(exportId)
      ? await exportStatus(deps(c), user.id, exportId).catch(() => undefined)
      : undefined;
  return { consents: (await listConsents(deps(c).db, user.id)).items, export: status };
}

/** Unchecked boxes send nothing, so every purpose not in the form is an answer of "no". */
const ConsentForm = z.object({
  granted: z.union([z.enum(PURPOSE_NAMES), z.array(z.enum(PURPOSE_NAMES))]).optional(),
});
const EraseForm = z.object({ password: z.string().min(1, "Required").max(128) });

export const accountPages = new Hono<AppEnv>()
  .use(requireSignedIn)
  .get("/", async (c) => c.html(await accountPage(c)))
  .post("/profile", async (c) => {
    const user = c.get("user")!;
    const done = await submit(UpdateMeBody, await readForm(c), (input) =>
      updateProfile(deps(c), { id: user.id, ...input }),
    );
    if (!done.ok) return c.html(await accountPage(c, { forms: { profile: done.form } }), done.status);
    return c.redirect(withNotice("/account", "profile"), 303);
  })
  .post("/password", async (c) => {
    const user = c.get("user")!;
    const done = await submit(ChangePasswordForm, await readForm(c), async (input) => {
      await accounts.changePassword(deps(c), user.id, input);
      // The change ended every session, this one included: start a fresh one here.
      return accounts.login(deps(c), { email: user.email, password: input.newPassword });
    });
    if (!done.ok) return c.html(await accountPage(c, { forms: { password: done.form } }), done.status);
    startSession(c, done.result);
    return c.redirect(withNotice("/account", "password"), 303);
  })
  .post("/consents", async (c) => {
    const user = c.get("user")!;
    const done = await submit(ConsentForm, await readForm(c), ({ granted }) => {
      const yes = new Set(Array.isArray(granted) ? granted : granted ? [granted] : []);
      return answerConsents(
        deps(c).db,
        deps(c).ctx,
        user.id,
        PURPOSE_NAMES.map((purpose) => ({ purpose, granted: yes.has(purpose) })),
      );
    });
    if (!done.ok) return c.html(await accountPage(c, { forms: { consents: done.form } }), done.status);
    return c.redirect(withNotice("/account", "consents"), 303);
  })
  .post("/export", async (c) => {
    const { jobId } = await requestExport(deps(c), c.get("user")!.id);
    return c.redirect(withNotice(`/account?export=${jobId}#data-heading`, "export"), 303);
  })
  .post("/delete", async (c) => {
    const user = c.get("user")!;
    const done = await submit(EraseForm, await readForm(c), ({ password }) =>
      eraseMyself(deps(c), user.id, password),
    );
    if (!done.ok) return c.html(await accountPage(c, { forms: { erase: done.form } }), done.status);
    await endSession(c).catch(() => {});
    return c.redirect(withNotice("/", "erased"), 303);
  })
  .post("/tokens", async (c) => {
    const user = c.get("user")!;
    const done = await submit(CreateTokenForm, await readForm(c), (input) =>
      createToken(deps(c), user.id, input),
    );
    if (!done.ok) return c.html(await accountPage(c, { forms: { token: done.form } }), done.status);
    // The secret is in this page only: never in a redirect's URL, never cached.
    c.header("Cache-Control", "no-store");
    return c.html(
      await accountPage(c, { created: { name: done.result.name, token: done.result.token } }),
      201,
    );
  })
  .post("/tokens/:id/rename", async (c) => {
    const user = c.get("user")!;
    const { id } = TokenIdParam.parse({ id: c.req.param("id") });
    const done = await submit(RenameTokenBody, await readForm(c), ({ name }) =>
      renameMyToken({ db: deps(c).db }, user.id, id, name),
    );
    if (!done.ok) return c.html(await accountPage(c, { forms: { token: done.form } }), done.status);
    return c.redirect(withNotice("/account", "token-renamed"), 303);
  })
  .post("/tokens/:id/revoke", async (c) => {
    const user = c.get("user")!;
    const { id } = TokenIdParam.parse({ id: c.req.param("id") });
    await revokeMyToken(deps(c), user.id, id);
    return c.redirect(withNotice("/account", "token-revoked"), 303);
  });

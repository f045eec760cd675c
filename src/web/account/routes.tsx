/** /account: the signed-in user's profile and password. */
import { Hono } from "hono";
import { UpdateMeBody } from "../../features/auth/schemas";
import * as accounts from "../../features/auth/service";
import { updateProfile } from "../../features/users/service";
import { ChangePasswordForm } from "../auth/schemas";
import { deps } from "../deps";
import type { AppEnv } from "../../lib/app-env";
import { readForm, submit } from "../forms";
import { withNotice } from "../paths";
import { requireSignedIn, startSession } from "../session";
import { viewOf } from "../ui/view";
import { AccountPage } from "./pages";

export const accountPages = new Hono<AppEnv>()
  .use(requireSignedIn)
  .get("/", (c) => c.html(<AccountPage v={viewOf(c)} />))
  .post("/profile", async (c) => {
    const user = c.get("user")!;
    const done = await submit(UpdateMeBody, await readForm(c), (input) => updateProfile(deps(c), { id: user.id, ...input }));
    if (!done.ok) return c.html(<AccountPage v={viewOf(c)} forms={{ profile: done.form }} />, done.status);
    return c.redirect(withNotice("/account", "profile"), 303);
  })
  .post("/password", async (c) => {
    const user = c.get("user")!;
    const done = await submit(ChangePasswordForm, await readForm(c), async (input) => {
      await accounts.changePassword(deps(c), user.id, input);
      // The change ended every session, this one included: start a fresh one here.
      return accounts.login(deps(c), { email: user.email, password: input.newPassword });
    });
    if (!done.ok) return c.html(<AccountPage v={viewOf(c)} forms={{ password: done.form }} />, done.status);
    startSession(c, done.result);
    return c.redirect(withNotice("/account", "password"), 303);
  });

/** /signup, /signin, /signout, /forgot-password, /reset-password. */
import { Hono } from "hono";
import { LoginBody, RegisterBody, ResetRequestBody } from "../../features/auth/schemas";
import * as accounts from "../../features/auth/service";
import { limitLogin, limitRegister, resetInBackground } from "../../features/auth/policy";
import { clientAddress } from "../../lib/rate-limit";
import type { AppEnv } from "../../lib/app-env";
import { readForm, submit } from "../forms";
import { safeNext, withNotice } from "../paths";
import { deps } from "../../lib/deps";
import { endSession, startSession } from "../session";
import { viewOf } from "../ui/view";
import { ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage } from "./pages";
import { ResetPasswordForm } from "./schemas";

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export const authPages = new Hono<AppEnv>()
  .get("/signup", (c) =>
    c.get("user") ? c.redirect("/dashboard", 303) : c.html(<SignUpPage v={viewOf(c)} />),
  )
  .post("/signup", async (c) => {
    const done = await submit(RegisterBody, await readForm(c), async (input) => {
      await limitRegister(c.env, clientAddress(c.req.raw), input.email);
      return accounts.register(deps(c), input);
    });
    if (!done.ok) return c.html(<SignUpPage v={viewOf(c)} form={done.form} />, done.status);
    startSession(c, done.result);
    return c.redirect(withNotice("/dashboard", "welcome"), 303);
  })
  .get("/signin", (c) => {
    const next = safeNext(c.req.query("next"));
    return c.get("user") ? c.redirect(next, 303) : c.html(<SignInPage v={viewOf(c)} next={next} />);
  })
  .post("/signin", async (c) => {
    const { next, ...fields } = await readForm(c);
    const target = safeNext(text(next));
    const done = await submit(LoginBody, fields, async (input) => {
      await limitLogin(c.env, clientAddress(c.req.raw), input.email);
      return accounts.login(deps(c), input);
    });
    if (!done.ok) return c.html(<SignInPage v={viewOf(c)} form={done.form} next={target} />, done.status);
    startSession(c, done.result);
    return c.redirect(withNotice(target, "signed-in"), 303);
  })
  .post("/signout", async (c) => {
    await endSession(c);
    return c.redirect(withNotice("/", "signed-out"), 303);
  })
  .get("/forgot-password", (c) => c.html(<ForgotPasswordPage v={viewOf(c)} />))
  .post("/forgot-password", async (c) => {
    const done = await submit(ResetRequestBody, await readForm(c), (input) =>
      resetInBackground(deps(c), (p) => c.executionCtx.waitUntil(p), input),
    );
    return done.ok
      ? c.html(<ForgotPasswordPage v={viewOf(c)} sent />)
      : c.html(<ForgotPasswordPage v={viewOf(c)} form={done.form} />, done.status);
  })
  .get("/reset-password", (c) => {
    // The token is in the address: keep it out of any Referer this page could send.
    c.header("Referrer-Policy", "no-referrer");
    return c.html(<ResetPasswordPage v={viewOf(c)} token={c.req.query("token")} />);
  })
  .post("/reset-password", async (c) => {
    const body = await readForm(c);
    const done = await submit(ResetPasswordForm, body, (input) =>
      accounts.confirmPasswordReset(deps(c), input),
    );
    if (!done.ok)
      return c.html(
        <ResetPasswordPage v={viewOf(c)} form={done.form} token={text(body.token)} />,
        done.status,
      );
    return c.redirect(withNotice("/signin", "reset"), 303);
  });

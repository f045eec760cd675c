/** Sign up, sign in and password reset pages. */
import { CsrfField, Field, FormAlert } from "../ui/components";
import { CurrentPasswordField, EmailField, NewPasswordFields } from "./fields";
import type { FormState } from "../forms";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

export function SignUpPage({ v, form }: { v: PageView; form?: FormState }) {
  return (
    <Layout v={v} title="Sign up">
      <h1>Create your account</h1>
      <div class="form-card">
        <FormAlert form={form} />
        <form method="post" action="/signup">
          <CsrfField v={v} />
          <Field
            form={form}
            name="displayName"
            label="Display name"
            hint="Shown with your creations."
            required
            autocomplete="nickname"
            maxlength={80}
          />
          <EmailField form={form} />
          <NewPasswordFields form={form} name="password" label="Password" />
          <div class="form-actions">
            <button type="submit">Sign up</button>
            <a href="/signin">I already have an account</a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function SignInPage({ v, form, next }: { v: PageView; form?: FormState; next?: string }) {
  return (
    <Layout v={v} title="Sign in">
      <h1>Sign in</h1>
      <div class="form-card">
        <FormAlert form={form} />
        <form method="post" action="/signin">
          <CsrfField v={v} />
          {next && <input type="hidden" name="next" value={next} />}
          <EmailField form={form} />
          <CurrentPasswordField form={form} />
          <div class="form-actions">
            <button type="submit">Sign in</button>
            <a href="/forgot-password">Forgot your password?</a>
          </div>
        </form>
      </div>
      <p class="section">
        New here? <a href="/signup">Create an account</a>.
      </p>
    </Layout>
  );
}

export function ForgotPasswordPage({ v, form, sent }: { v: PageView; form?: FormState; sent?: boolean }) {
  return (
    <Layout v={v} title="Reset your password">
      <h1>Reset your password</h1>
      {sent ? (
        <div class="notice" role="status">
          <p>
            If an account uses that email, a link to set a new password is on its way. The link works for 30
            minutes, once.
          </p>
        </div>
      ) : (
        <div class="form-card">
          <FormAlert form={form} />
          <p>We will email you a link to set a new password.</p>
          <form method="post" action="/forgot-password">
            <CsrfField v={v} />
            <EmailField form={form} />
            <button type="submit">Email me a link</button>
          </form>
        </div>
      )}
      <p class="section">
        <a href="/signin">Back to sign in</a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage({ v, form, token }: { v: PageView; form?: FormState; token?: string }) {
  return (
    <Layout v={v} title="Choose a new password">
      <h1>Choose a new password</h1>
      {token ? (
        <div class="form-card">
          <FormAlert form={form} />
          <form method="post" action="/reset-password">
            <CsrfField v={v} />
            <input type="hidden" name="token" value={token} />
            <NewPasswordFields form={form} name="newPassword" label="New password" confirm />
            <button type="submit">Set password</button>
          </form>
        </div>
      ) : (
        <div class="alert" role="alert">
          <p>
            This page needs the link from your email. <a href="/forgot-password">Ask for a new link</a>.
          </p>
        </div>
      )}
    </Layout>
  );
}

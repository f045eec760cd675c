/** Sign up, sign in and password reset pages. */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./schemas";
import { CsrfField, Field, FormAlert } from "../ui/components";
import type { FormState } from "../forms";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

const passwordHint = `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`;

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
          <Field
            form={form}
            name="email"
            type="email"
            label="Email"
            required
            autocomplete="email"
            maxlength={254}
          />
          <Field
            form={form}
            name="password"
            type="password"
            label="Password"
            hint={passwordHint}
            required
            autocomplete="new-password"
            minlength={MIN_PASSWORD_LENGTH}
            maxlength={MAX_PASSWORD_LENGTH}
          />
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
          <Field
            form={form}
            name="email"
            type="email"
            label="Email"
            required
            autocomplete="email"
            maxlength={254}
          />
          <Field
            form={form}
            name="password"
            type="password"
            label="Password"
            required
            autocomplete="current-password"
            maxlength={MAX_PASSWORD_LENGTH}
          />
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
            <Field
              form={form}
              name="email"
              type="email"
              label="Email"
              required
              autocomplete="email"
              maxlength={254}
            />
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
            <Field
              form={form}
              name="newPassword"
              type="password"
              label="New password"
              hint={passwordHint}
              required
              autocomplete="new-password"
              minlength={MIN_PASSWORD_LENGTH}
              maxlength={MAX_PASSWORD_LENGTH}
            />
            <Field
              form={form}
              name="confirmPassword"
              type="password"
              label="New password again"
              required
              autocomplete="new-password"
              maxlength={MAX_PASSWORD_LENGTH}
            />
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

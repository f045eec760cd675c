/** The account page: profile and password, each its own form. */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/schemas";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

export interface AccountForms {
  profile?: FormState;
  password?: FormState;
}

export function AccountPage({ v, forms = {} }: { v: PageView; forms?: AccountForms }) {
  const user = v.user!;
  return (
    <Layout v={v} title="Account">
      <h1>Account</h1>
      <section class="form-card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <FormAlert form={forms.profile} />
        <p>
          Signed in as <strong>{user.email}</strong>
          {user.role === "admin" && " (admin)"}.
        </p>
        <form method="post" action="/account/profile">
          <CsrfField v={v} />
          <Field form={forms.profile} name="displayName" label="Display name" hint="Shown with your creations." value={user.displayName} required maxlength={80} autocomplete="nickname" />
          <button type="submit">Save profile</button>
        </form>
      </section>
      <section class="form-card section" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <FormAlert form={forms.password} />
        <p class="muted">Changing your password signs you out on every other device.</p>
        <form method="post" action="/account/password">
          <CsrfField v={v} />
          <Field form={forms.password} name="currentPassword" type="password" label="Current password" required autocomplete="current-password" maxlength={MAX_PASSWORD_LENGTH} />
          <Field
            form={forms.password}
            name="newPassword"
            type="password"
            label="New password"
            hint={`${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`}
            required
            autocomplete="new-password"
            minlength={MIN_PASSWORD_LENGTH}
            maxlength={MAX_PASSWORD_LENGTH}
          />
          <Field form={forms.password} name="confirmPassword" type="password" label="New password again" required autocomplete="new-password" maxlength={MAX_PASSWORD_LENGTH} />
          <button type="submit">Change password</button>
        </form>
      </section>
      {/* Privacy (consents, data export, deleting the account) gets its sections here with the privacy issue. */}
    </Layout>
  );
}

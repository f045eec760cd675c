/** The account page: profile, password, consents, data export and deleting the account, each its own form. */
import { CurrentPasswordField, NewPasswordFields } from "../auth/fields";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";
import { TokensSection, type TokensView } from "./tokens";

export interface AccountForms {
  profile?: FormState;
  password?: FormState;
  consents?: FormState;
  erase?: FormState;
  token?: FormState;
}

export interface PrivacyView {
  consents: { purpose: string; title: string; description: string; version: number; granted: boolean }[];
  export?: {
    status: string;
    progress: number;
    error: string | null;
    download: { url: string; expiresAt: string } | null;
  };
}

export function AccountPage({
  v,
  privacy,
  tokens,
  forms = {},
}: {
  v: PageView;
  privacy: PrivacyView;
  tokens: TokensView;
  forms?: AccountForms;
}) {
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
          <Field
            form={forms.profile}
            name="displayName"
            label="Display name"
            hint="Shown with your creations."
            value={user.displayName}
            required
            maxlength={80}
            autocomplete="nickname"
          />
          <button type="submit">Save profile</button>
        </form>
      </section>
      <section class="form-card section" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <FormAlert form={forms.password} />
        <p class="muted">Changing your password signs you out on every other device.</p>
        <form method="post" action="/account/password">
          <CsrfField v={v} />
          <CurrentPasswordField form={forms.password} name="currentPassword" label="Current password" />
          <NewPasswordFields form={forms.password} name="newPassword" label="New password" confirm />
          <button type="submit">Change password</button>
        </form>
      </section>
      <section class="form-card section" aria-labelledby="consents-heading">
        <h2 id="consents-heading">Consents</h2>
        <FormAlert form={forms.consents} />
        <form method="post" action="/account/consents">
          <CsrfField v={v} />
          <fieldset>
            <legend>What may uXPRT do with your content?</legend>
            {privacy.consents.map((p) => (
              <p>
                <label>
                  <input type="checkbox" name="granted" value={p.purpose} checked={p.granted} /> {p.title}
                </label>
                <br />
                <span class="muted">
                  {p.description} (version {p.version})
                </span>
              </p>
            ))}
          </fieldset>
          <button type="submit">Save choices</button>
        </form>
      </section>
      <TokensSection v={v} tokens={tokens} form={forms.token} />
      <section class="form-card section" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p class="muted">
          A ZIP of everything uXPRT holds about you: profile, consents, projects, conversations, artifacts,
          creations, scores, research and your account's events.
        </p>
        {privacy.export && (
          <p role="status">
            {privacy.export.download ? (
              <a href={privacy.export.download.url}>Download your data</a>
            ) : privacy.export.status === "failed" ? (
              `The export failed: ${privacy.export.error ?? "unknown reason"}`
            ) : (
              `Preparing your export (${privacy.export.progress}%). Reload this page in a moment.`
            )}
          </p>
        )}
        <form method="post" action="/account/export">
          <CsrfField v={v} />
          <button type="submit">Export my data</button>
        </form>
      </section>
      <section class="form-card section" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete account</h2>
        <FormAlert form={forms.erase} />
        <p class="muted">
          This deletes your account and everything in it, in every store, and removes your scores from other
          people's creations. It cannot be undone.
        </p>
        <form method="post" action="/account/delete">
          <CsrfField v={v} />
          <CurrentPasswordField form={forms.erase} label="Your password, to confirm" />
          <button type="submit" class="danger">
            Delete my account
          </button>
        </form>
      </section>
    </Layout>
  );
}

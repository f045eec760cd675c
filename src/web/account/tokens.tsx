/**
 * The account page's personal access tokens: create (the secret is shown on the answering page, once,
 * never in a URL), rename and revoke. The form reads with the API's own schema, so the rules match.
 */
import { z } from "zod";
import { SCOPES, SCOPE_NAMES } from "../../lib/scopes";
import { CreateTokenBody, EXPIRY_CHOICES_DAYS, ScopeName } from "../../features/tokens/schemas";
import type { AccessTokenView } from "../../features/tokens/schemas";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert } from "../ui/components";
import type { PageView } from "../ui/view";

/** Checkboxes send one value or many; the expiry select sends "" for "never". */
export const CreateTokenForm = z
  .object({
    name: z.string(),
    scopes: z.union([ScopeName, z.array(ScopeName)]).optional(),
    expiresInDays: z.string().optional(),
  })
  .transform(({ name, scopes, expiresInDays }) => ({
    name,
    scopes: Array.isArray(scopes) ? scopes : scopes ? [scopes] : [],
    ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
  }))
  .pipe(CreateTokenBody);

export interface TokensView {
  items: AccessTokenView[];
  /** Just created: its secret, shown this once. */
  created?: { name: string; token: string };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");

export function TokensSection({ v, tokens, form }: { v: PageView; tokens: TokensView; form?: FormState }) {
  const checked = new Set((form?.values.scopes ?? "").split(", ").filter(Boolean));
  return (
    <section class="form-card section" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p class="muted">
        For scripts, API clients and AI assistants (MCP at <code>/mcp</code>): send one as{" "}
        <code>Authorization: Bearer uxp_…</code>. A token can do only what its scopes allow, and never change
        your password, tokens or account. See the <a href="/api/v1/docs">API reference</a>.
      </p>
      {tokens.created && (
        <div role="status" class="alert">
          <p>
            Your new token <strong>{tokens.created.name}</strong>. Copy it now: it is not shown again.
          </p>
          <p>
            <code id="new-token">{tokens.created.token}</code>
          </p>
        </div>
      )}
      {tokens.items.length === 0 ? (
        <p class="muted">You have no tokens.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Your tokens, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.items.map((t) => (
              <tr>
                <td data-label="Name">
                  {t.name} <span class="muted">({t.hint}…)</span>
                </td>
                <td data-label="Scopes">{t.scopes.join(", ")}</td>
                <td data-label="Created">{day(t.createdAt)}</td>
                <td data-label="Last used">{t.lastUsedAt ? day(t.lastUsedAt) : "not yet"}</td>
                <td data-label="Expires">{day(t.expiresAt)}</td>
                <td data-label="Actions">
                  <div class="actions">
                    <form method="post" action={`/account/tokens/${t.id}/rename`} class="inline-form">
                      <CsrfField v={v} />
                      <label class="visually-hidden" for={`rename-${t.id}`}>
                        New name for {t.name}
                      </label>
                      <input id={`rename-${t.id}`} name="name" value={t.name} required maxlength={80} />
                      <button type="submit">Rename</button>
                    </form>
                    <form method="post" action={`/account/tokens/${t.id}/revoke`} class="inline-form">
                      <CsrfField v={v} />
                      <button type="submit" class="danger">
                        Revoke
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>New token</h3>
      <FormAlert form={form} />
      <form method="post" action="/account/tokens">
        <CsrfField v={v} />
        <Field
          form={form}
          name="name"
          label="Name"
          hint="Where you use it, e.g. “Claude Desktop”."
          required
          maxlength={80}
        />
        <fieldset>
          <legend>Scopes</legend>
          {form?.errors.scopes && <p class="error">{form.errors.scopes}</p>}
          {SCOPE_NAMES.map((s) => (
            <p>
              <label>
                <input type="checkbox" name="scopes" value={s} checked={checked.has(s)} /> <code>{s}</code>
              </label>
              <br />
              <span class="muted">{SCOPES[s]}</span>
            </p>
          ))}
        </fieldset>
        <div class="field">
          <label for="field-expiresInDays">Expires</label>
          <select id="field-expiresInDays" name="expiresInDays">
            {EXPIRY_CHOICES_DAYS.map((d) => (
              <option value={String(d)} selected={d === 90}>
                in {d} days
              </option>
            ))}
            <option value="">never</option>
          </select>
        </div>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}

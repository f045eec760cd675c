/**
 * The account fields that several pages ask for (sign up, sign in, reset, the account page): each
 * written once, so its rules (lengths, autocomplete, hint) are the same wherever it is asked.
 */
import type { FormState } from "../forms";
import { Field } from "../ui/components";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./schemas";

const passwordHint = `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`;

/** RFC 5321's longest address, as the API's schema allows. */
const MAX_EMAIL_LENGTH = 254;

export const EmailField = ({ form }: { form?: FormState }) => (
  <Field
    form={form}
    name="email"
    type="email"
    label="Email"
    required
    autocomplete="email"
    maxlength={MAX_EMAIL_LENGTH}
  />
);

/** A password typed to prove who one is: no minimum, so a password set under older rules still signs in. */
export const CurrentPasswordField = ({
  form,
  name = "password",
  label = "Password",
}: {
  form?: FormState;
  name?: string;
  label?: string;
}) => (
  <Field
    form={form}
    name={name}
    type="password"
    label={label}
    required
    autocomplete="current-password"
    maxlength={MAX_PASSWORD_LENGTH}
  />
);

/** A password being chosen, and on pages that ask for it, the same typed again (confirmPassword). */
export const NewPasswordFields = ({
  form,
  name,
  label,
  confirm = false,
}: {
  form?: FormState;
  name: string;
  label: string;
  confirm?: boolean;
}) => (
  <>
    <Field
      form={form}
      name={name}
      type="password"
      label={label}
      hint={passwordHint}
      required
      autocomplete="new-password"
      minlength={MIN_PASSWORD_LENGTH}
      maxlength={MAX_PASSWORD_LENGTH}
    />
    {confirm && (
      <Field
        form={form}
        name="confirmPassword"
        type="password"
        label={`${label} again`}
        required
        autocomplete="new-password"
        maxlength={MAX_PASSWORD_LENGTH}
      />
    )}
  </>
);

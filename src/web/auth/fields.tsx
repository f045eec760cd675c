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

interface PasswordProps {
  form?: FormState;
  name: string;
  label: string;
}

/** Every password field: never shown back (Field drops password values), at most the API's length. */
const PasswordField = ({
  autocomplete,
  hint,
  minlength,
  ...props
}: PasswordProps & { autocomplete: string; hint?: string; minlength?: number }) => (
  <Field
    {...props}
    type="password"
    required
    autocomplete={autocomplete}
    hint={hint}
    minlength={minlength}
    maxlength={MAX_PASSWORD_LENGTH}
  />
);

/** A password typed to prove who one is: no minimum, so a password set under older rules still signs in. */
export const CurrentPasswordField = ({
  form,
  name = "password",
  label = "Password",
}: Partial<PasswordProps>) => (
  <PasswordField form={form} name={name} label={label} autocomplete="current-password" />
);

/** A password being chosen, and on pages that ask for it, the same typed again (confirmPassword). */
export const NewPasswordFields = ({ confirm = false, ...props }: PasswordProps & { confirm?: boolean }) => (
  <>
    <PasswordField
      {...props}
      autocomplete="new-password"
      hint={passwordHint}
      minlength={MIN_PASSWORD_LENGTH}
    />
    {confirm && (
      <PasswordField
        form={props.form}
        name="confirmPassword"
        label={`${props.label} again`}
        autocomplete="new-password"
      />
    )}
  </>
);

/** Page forms built on the API's schemas: the same rules, plus the "type it again" fields of pages. */
import { z } from "zod";
import { ChangePasswordBody, ResetConfirmBody } from "../../features/auth/schemas";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

const samePassword = (b: { newPassword: string; confirmPassword: string }) =>
  b.newPassword === b.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "The two passwords are not the same" };

export const ResetPasswordForm = ResetConfirmBody.extend({ confirmPassword: z.string() }).refine(
  samePassword,
  mismatch,
);
export const ChangePasswordForm = ChangePasswordBody.extend({ confirmPassword: z.string() }).refine(
  samePassword,
  mismatch,
);

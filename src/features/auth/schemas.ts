/** Request and response shapes of accounts; the same schemas validate and document (OpenAPI). */
import { z } from "zod";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "Not a valid email address" }));
export const Password = z.string().min(8, "At least 8 characters").max(128, "At most 128 characters");
export const DisplayName = z.string().trim().min(1, "Required").max(80, "At most 80 characters");

export const RegisterBody = z.strictObject({ email: Email, password: Password, displayName: DisplayName });
export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(128) });
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export const ResetRequestBody = z.strictObject({ email: Email });
export const ResetConfirmBody = z.strictObject({ token: z.string().min(20).max(200), newPassword: Password });
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});
export const UpdateMeBody = z.strictObject({ displayName: DisplayName });

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(["user", "admin"]),
  isActive: z.boolean(),
  createdAt: z.string().describe("ISO 8601"),
});

export const TokenPair = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().describe("Seconds until the access token expires"),
  refreshToken: z.string(),
});

export const Registered = TokenPair.extend({ user: User });

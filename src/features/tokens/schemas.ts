/** Shapes of personal access tokens; the same schemas validate the API, the account page's forms and the docs. */
import { z } from "zod";
import { SCOPE_NAMES } from "../../lib/scopes";
import { Ulid } from "../../lib/validate";

export const TokenIdParam = z.object({ id: Ulid });
export const TokenName = z.string().trim().min(1, "Required").max(80, "At most 80 characters");
export const ScopeName = z.enum(SCOPE_NAMES);

/** Expiry choices offered on the account page; the API takes any whole number of days in range. */
export const EXPIRY_CHOICES_DAYS = [7, 30, 90, 365] as const;

export const CreateTokenBody = z.strictObject({
  name: TokenName,
  scopes: z.array(ScopeName).min(1, "Choose at least one scope").max(SCOPE_NAMES.length),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(366)
    .optional()
    .describe("Days until the token stops working; leave out for a token that never expires"),
});
export const RenameTokenBody = z.strictObject({ name: TokenName });

export const AccessToken = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string().describe("The secret's first characters, to tell tokens apart"),
  scopes: z.array(ScopeName),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const AccessTokenList = z.object({ items: z.array(AccessToken) });
export const CreatedToken = AccessToken.extend({
  token: z.string().describe("The secret, shown this once: only its hash is stored"),
});
export type AccessTokenView = z.infer<typeof AccessToken>;

/** Shapes of the privacy routes; the same schemas validate and document. */
import { z } from "zod";
import { PURPOSE_NAMES } from "../../lib/consent";
import { idParam } from "../../lib/validate";

export const ConsentAnswer = z.strictObject({
  purpose: z.enum(PURPOSE_NAMES),
  granted: z.boolean(),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("The version of the text the user was shown: 409 if it changed since"),
});

export const ConsentsBody = z.strictObject({
  consents: z
    .array(ConsentAnswer)
    .min(1)
    .max(PURPOSE_NAMES.length)
    .refine((list) => new Set(list.map((a) => a.purpose)).size === list.length, "Each purpose at most once"),
});

export const ConsentList = z.object({
  items: z.array(
    z.object({
      purpose: z.enum(PURPOSE_NAMES),
      version: z.number().describe("The current version of the purpose's text"),
      title: z.string(),
      description: z.string(),
      granted: z.boolean().describe("Agreed to the current version"),
      answeredVersion: z.number().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
});

export const IdParam = idParam("export");
export const UserIdParam = idParam("user");

export const ExportStarted = z.object({
  jobId: z.string(),
  started: z.boolean().describe("false when an export already on its way was returned"),
  statusUrl: z.string(),
});

export const ExportStatus = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  progress: z.number(),
  error: z.string().nullable(),
  bytes: z.number().nullable(),
  expiresAt: z.string().nullable().describe("When the file is deleted"),
  download: z
    .object({ url: z.string(), expiresAt: z.string().describe("When this link stops working") })
    .nullable(),
  createdAt: z.string(),
});

export const DownloadQuery = z.object({
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[\w-]{43}$/, "Not a signature"),
});

export const EraseMeBody = z.strictObject({
  password: z.string().min(1).max(128).describe("The current password, to confirm"),
});

export const RotateBody = z.strictObject({
  cursor: z.string().max(500).optional().describe("nextCursor of the previous call; omit to start"),
  limit: z.number().int().min(1).max(200).default(50).describe("Items per call"),
});

export const RotateStep = z.object({
  keyId: z.string().describe("The key everything is being sealed under"),
  phase: z.enum(["artifacts", "exports", "chats", "caches"]),
  resealed: z.number(),
  nextCursor: z.string().nullable().describe("Call again with it; null when the rotation is complete"),
});

import { z } from "zod";
import { idParam } from "../../lib/validate";
import { User } from "../auth/schemas";

export const UserListQuery = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).optional().describe("Substring of the email"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const AdminUserPatch = z
  .strictObject({ role: z.enum(["user", "admin"]).optional(), isActive: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.isActive !== undefined, "Give role, isActive or both");

export const UserPage = z.object({ items: z.array(User), nextCursor: z.string().nullable() });

export const OutboxPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const IdParam = idParam("user");

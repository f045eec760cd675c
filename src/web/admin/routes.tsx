/** /admin: users and moderation, for admins only. Deleting a creation goes through /gallery/:id/delete. */
import { Hono } from "hono";
import { z } from "zod";
import { AdminUserPatch, IdParam, UserListQuery } from "../../features/admin/schemas";
import { listUsers, updateUser } from "../../features/admin/service";
import * as gallery from "../../features/creations/service";
import { badRequest, notFound, unprocessable } from "../../lib/problem";
import { fieldErrors } from "../../lib/validate";
import { deps } from "../../lib/deps";
import type { AppEnv } from "../../lib/app-env";
import { readForm } from "../forms";
import { withNotice } from "../paths";
import { requireAdminPage, requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import { AdminCreationsPage, AdminUsersPage } from "./pages";

const PAGE_SIZE = 25;

/** Buttons post text; the API's schema decides what a valid change is. */
const UserPatchForm = z
  .object({
    role: z.enum(["user", "admin"]).optional(),
    isActive: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .pipe(AdminUserPatch);

export const adminPages = new Hono<AppEnv>()
  .use(requireSignedIn, requireAdminPage)
  .get("/", (c) => c.redirect("/admin/users", 303))
  .get("/users", async (c) => {
    const parsed = UserListQuery.safeParse({
      email: c.req.query("email") || undefined,
      cursor: c.req.query("cursor") || undefined,
      limit: PAGE_SIZE,
    });
    if (!parsed.success) throw badRequest("The filter is not valid.");
    const page = await listUsers({ db: deps(c).db }, parsed.data);
    return c.html(
      <AdminUsersPage
        v={viewOf(c)}
        email={parsed.data.email}
        users={page.items}
        nextCursor={page.nextCursor}
        hasPrevious={!!parsed.data.cursor}
      />,
    );
  })
  .post("/users/:id", async (c) => {
    const id = IdParam.safeParse({ id: c.req.param("id") });
    if (!id.success) throw notFound("user");
    // The buttons post fixed values, so a bad patch is a forged request: the error page is enough.
    const patch = UserPatchForm.safeParse(await readForm(c));
    if (!patch.success) throw unprocessable("The change is not valid.", fieldErrors(patch.error.issues));
    await updateUser(deps(c), c.get("user")!.id, id.data.id, patch.data);
    return c.redirect(withNotice("/admin/users", "user-updated"), 303);
  })
  .get("/creations", async (c) => {
    const cursor = c.req.query("cursor") || undefined;
    const page = (await gallery.list(deps(c), { sort: "newest", cursor, limit: PAGE_SIZE })).value;
    return c.html(
      <AdminCreationsPage
        v={viewOf(c)}
        items={page.items}
        nextCursor={page.nextCursor}
        hasPrevious={!!cursor}
      />,
    );
  });

/** Admin pages: users (role and status) and moderation of creations. */
import type { Child } from "hono/jsx";
import type { CreationView } from "../../features/creations/schemas";
import { CsrfField, Field, Pager } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

export interface AdminUserRow {
  id: string;
  email: string;
  displayName: string;
  role: "user" | "admin";
  isActive: boolean;
  createdAt: string;
}

const day = (iso: string) => iso.slice(0, 10);

function AdminFrame({
  v,
  section,
  children,
}: {
  v: PageView;
  section: "users" | "creations";
  children: Child;
}) {
  const tabs = [
    { key: "users", href: "/admin/users", label: "Users" },
    { key: "creations", href: "/admin/creations", label: "Creations" },
  ] as const;
  return (
    <Layout v={v} title={`Admin · ${section === "users" ? "Users" : "Creations"}`} scripts={["admin"]}>
      <h1>Admin</h1>
      <nav aria-label="Admin sections">
        <ul class="tabs">
          {tabs.map((t) => (
            <li>
              <a href={t.href} aria-current={t.key === section ? "page" : undefined}>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
}

/** One change to a user as its own small form: the button says what it does and to whom. */
function UserAction({
  v,
  user,
  field,
  value,
  label,
  danger,
}: {
  v: PageView;
  user: AdminUserRow;
  field: "role" | "isActive";
  value: string;
  label: string;
  danger?: boolean;
}) {
  return (
    <form
      method="post"
      action={`/admin/users/${user.id}`}
      class="inline-form"
      data-confirm={`${label}: ${user.email}?`}
    >
      <CsrfField v={v} />
      <input type="hidden" name={field} value={value} />
      <button type="submit" class={danger ? "small danger" : "small secondary"}>
        {label}
        <span class="visually-hidden"> {user.email}</span>
      </button>
    </form>
  );
}

export function AdminUsersPage({
  v,
  email,
  users,
  nextCursor,
  hasPrevious,
}: {
  v: PageView;
  email?: string;
  users: AdminUserRow[];
  nextCursor: string | null;
  hasPrevious: boolean;
}) {
  return (
    <AdminFrame v={v} section="users">
      <form class="search single" role="search" aria-label="Users" method="get" action="/admin/users">
        <Field name="email" type="search" label="Email contains" value={email} maxlength={254} />
        <button type="submit">Filter</button>
      </form>
      {users.length === 0 ? (
        <p class="muted">No user matches.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Users, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td data-label="Email">{u.email}</td>
                <td data-label="Name">{u.displayName}</td>
                <td data-label="Role">{u.role}</td>
                <td data-label="Status">{u.isActive ? "active" : "deactivated"}</td>
                <td data-label="Joined">{day(u.createdAt)}</td>
                <td data-label="Actions">
                  {u.id === v.user?.id ? (
                    <span class="muted">This is you</span>
                  ) : (
                    <div class="actions">
                      <UserAction
                        v={v}
                        user={u}
                        field="role"
                        value={u.role === "admin" ? "user" : "admin"}
                        label={u.role === "admin" ? "Make user" : "Make admin"}
                      />
                      <UserAction
                        v={v}
                        user={u}
                        field="isActive"
                        value={u.isActive ? "false" : "true"}
                        label={u.isActive ? "Deactivate" : "Activate"}
                        danger={u.isActive}
                      />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base="/admin/users" params={{ email }} nextCursor={nextCursor} hasPrevious={hasPrevious} />
    </AdminFrame>
  );
}

export function AdminCreationsPage({
  v,
  items,
  nextCursor,
  hasPrevious,
}: {
  v: PageView;
  items: CreationView[];
  nextCursor: string | null;
  hasPrevious: boolean;
}) {
  return (
    <AdminFrame v={v} section="creations">
      {items.length === 0 ? (
        <p class="muted">Nothing is published.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Creations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Owner</th>
              <th scope="col">Published</th>
              <th scope="col">Scores</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr>
                <td data-label="Title">
                  <a href={`/gallery/${c.id}`}>{c.title}</a>
                </td>
                <td data-label="Owner">{c.owner.displayName}</td>
                <td data-label="Published">{day(c.createdAt)}</td>
                <td data-label="Scores">{c.score.count}</td>
                <td data-label="Actions">
                  <form
                    method="post"
                    action={`/gallery/${c.id}/delete`}
                    data-confirm={`Delete “${c.title}” for good?`}
                  >
                    <CsrfField v={v} />
                    <input type="hidden" name="from" value="admin" />
                    <button type="submit" class="small danger">
                      Delete<span class="visually-hidden"> {c.title}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base="/admin/creations" params={{}} nextCursor={nextCursor} hasPrevious={hasPrevious} />
    </AdminFrame>
  );
}

/** What the dashboard and a project's page read: projects with their briefs, recent artifacts. */
import type { Context } from "hono";
import { artifactView } from "../../features/artifacts/library";
import { listArtifacts } from "../../features/artifacts/queries";
import { projectBrief } from "../../features/chat/service";
import { listMyProjects } from "../../features/projects/service";
import type { AppEnv } from "../../lib/app-env";
import { database } from "../../lib/db";

/** Each project's brief is one call to the user's Durable Object: the dashboard shows a few only. */
const DASHBOARD_PROJECTS = 6;
const RECENT_ARTIFACTS = 6;

export async function recentArtifacts(c: Context<AppEnv>, q: { projectId?: string; limit?: number } = {}) {
  const rows = await listArtifacts(database(c.env), {
    ownerId: c.get("user")!.id,
    projectId: q.projectId,
    sort: "updated",
    limit: q.limit ?? RECENT_ARTIFACTS,
  });
  return rows.slice(0, q.limit ?? RECENT_ARTIFACTS).map(artifactView);
}

export async function dashboardData(c: Context<AppEnv>) {
  const user = c.get("user")!;
  const db = database(c.env);
  const page = await listMyProjects({ db }, user.id, { limit: DASHBOARD_PROJECTS });
  const [projects, artifacts] = await Promise.all([
    Promise.all(
      page.items.map(async (p) => ({
        project: p,
        brief: await projectBrief({ env: c.env, db }, user, p.id),
      })),
    ),
    recentArtifacts(c),
  ]);
  return { projects, artifacts, moreProjects: page.nextCursor !== null };
}

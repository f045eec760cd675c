/** / and /dashboard. */
import { Hono } from "hono";
import * as gallery from "../../features/creations/service";
import { deps } from "../../lib/deps";
import type { AppEnv } from "../../lib/app-env";
import { requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import { dashboardData } from "../projects/data";
import { DashboardPage, LandingPage } from "./pages";

const LATEST = 6;
const DASHBOARD_PAGE = 12;

export const homePages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const latest = (await gallery.list(deps(c), { sort: "newest", limit: LATEST })).value;
    return c.html(<LandingPage v={viewOf(c)} latest={latest.items} />);
  })
  .get("/dashboard", requireSignedIn, async (c) => {
    const cursor = c.req.query("cursor") || undefined;
    const [page, work] = await Promise.all([
      gallery
        .list(deps(c), { owner: c.get("user")!.id, sort: "newest", cursor, limit: DASHBOARD_PAGE })
        .then((p) => p.value),
      dashboardData(c),
    ]);
    return c.html(
      <DashboardPage
        v={viewOf(c)}
        work={work}
        mine={page.items}
        nextCursor={page.nextCursor}
        hasPrevious={!!cursor}
      />,
    );
  });

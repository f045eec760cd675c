/** / and /dashboard. */
import { Hono } from "hono";
import * as gallery from "../../features/creations/service";
import { deps } from "../../lib/deps";
import type { AppEnv } from "../../lib/app-env";
import { requireSignedIn } from "../session";
import { setCookie } from "hono/cookie";
import { THEME_COOKIE, themeOf, viewOf } from "../ui/view";
import { dashboardData } from "../projects/data";
import { DashboardPage, LandingPage } from "./pages";

const LATEST = 6;
const DASHBOARD_PAGE = 12;

/** Where the theme form came from, if it is a page of this site; else the landing page. */
const backTo = (c: { req: { header(name: string): string | undefined; url: string } }) => {
  const ref = c.req.header("Referer");
  const here = new URL(c.req.url);
  if (!ref) return "/";
  const u = new URL(ref, here);
  return u.origin === here.origin ? `${u.pathname}${u.search}` : "/";
};

export const homePages = new Hono<AppEnv>()
  // The theme switch in the footer: works without script; page.js applies it at once instead.
  .post("/theme", async (c) => {
    const form = await c.req.parseBody();
    setCookie(c, THEME_COOKIE, themeOf(String(form.theme ?? "")), {
      path: "/",
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: 400 * 86400,
    });
    return c.redirect(backTo(c), 303);
  })
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

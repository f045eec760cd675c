/**
 * The page shell: skip link, header with the main navigation, one <main> landmark, footer.
 *
 * Navigation is one table. Projects (and their chats) are reached from the dashboard; research pages
 * get their entry here when their API exists, so there is never a link to a page that does not work.
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { AuthUser } from "../../lib/app-env";
import { assetUrl, scriptUrls, type ScriptName } from "../assets";
import { CsrfField } from "./components";
import { THEMES, type PageView } from "./view";

interface NavItem {
  href: string;
  label: string;
  show: (user?: AuthUser) => boolean;
}

const anyone = () => true;
const signedIn = (u?: AuthUser) => !!u;
const anonymous = (u?: AuthUser) => !u;

const NAV: NavItem[] = [
  { href: "/gallery", label: "Gallery", show: anyone },
  { href: "/dashboard", label: "Dashboard", show: signedIn },
  { href: "/artifacts", label: "Artifacts", show: signedIn },
  { href: "/account", label: "Account", show: signedIn },
  { href: "/admin", label: "Admin", show: (u) => u?.role === "admin" },
  { href: "/signin", label: "Sign in", show: anonymous },
  { href: "/signup", label: "Sign up", show: anonymous },
];

const isCurrent = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

function Header({ v }: { v: PageView }) {
  return (
    <header class="site-header">
      <div class="container bar">
        <a class="brand" href="/">
          <img src={assetUrl("icon.svg")} alt="" width={32} height={32} />
          uXPRT
        </a>
        <nav class="site-nav" aria-label="Main">
          {/* On phones the links fold into this menu (details works without script). */}
          <details class="nav-menu">
            <summary>Menu</summary>
            <NavLinks v={v} />
          </details>
          <div class="nav-row">
            <NavLinks v={v} />
          </div>
        </nav>
      </div>
    </header>
  );
}

function NavLinks({ v }: { v: PageView }) {
  return (
    <ul>
      {NAV.filter((item) => item.show(v.user)).map((item) => (
        <li>
          <a href={item.href} aria-current={isCurrent(v.path, item.href) ? "page" : undefined}>
            {item.label}
          </a>
        </li>
      ))}
      {v.user && (
        <li>
          <form method="post" action="/signout" class="inline-form">
            <CsrfField v={v} />
            <button type="submit" class="link-button">
              Sign out
            </button>
          </form>
        </li>
      )}
    </ul>
  );
}

export interface LayoutProps {
  v: PageView;
  title: string;
  /** Page scripts (src/web/client/<name>.ts); most pages need none. */
  scripts?: ScriptName[];
  /** Content only, without the site's header and footer: a view shown inside another page. */
  bare?: boolean;
  children?: Child;
}

export function Layout({ v, title, scripts = [], bare = false, children }: LayoutProps) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en" data-theme={v.theme}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · uXPRT`}</title>
          <meta name="color-scheme" content={v.theme === "system" ? "dark light" : v.theme} />
          <link rel="icon" href={assetUrl("icon.svg")} type="image/svg+xml" />
          <link rel="stylesheet" href={assetUrl("app.css")} />
          {/* For page scripts' API calls (X-CSRF-Token); not a credential by itself. */}
          <meta name="csrf-token" content={v.csrf} />
          {["page" as const, ...scripts].map((name) => {
            const { url, preload } = scriptUrls(name);
            return (
              <>
                {preload.map((href) => (
                  <link rel="modulepreload" href={href} />
                ))}
                <script type="module" src={url}></script>
              </>
            );
          })}
        </head>
        <body class={bare ? "bare" : undefined}>
          {!bare && (
            <a class="skip-link" href="#main">
              Skip to content
            </a>
          )}
          {!bare && <Header v={v} />}
          <main id="main" tabindex={-1}>
            <div class="container">
              {v.notice && (
                <div class="notice" role="status">
                  <p>{v.notice}</p>
                </div>
              )}
              {children}
            </div>
          </main>
          {!bare && (
            <footer class="site-footer">
              <div class="container">
                <p>
                  uXPRT · an AI UX guide · <a href="/api/v1/docs">API reference</a>
                </p>
                <form method="post" action="/theme" class="theme-form" data-theme-form>
                  <CsrfField v={v} />
                  <label for="theme">Theme</label>
                  <select id="theme" name="theme">
                    {THEMES.map((t) => (
                      <option value={t} selected={t === v.theme}>
                        {t === "system" ? "Same as device" : t === "light" ? "Light" : "Dark"}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary small" data-theme-apply>
                    Apply
                  </button>
                </form>
              </div>
            </footer>
          )}
        </body>
      </html>
    </>
  );
}

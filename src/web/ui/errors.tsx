/**
 * Friendly error pages. The API answers problem+json; people get a page that says what happened and
 * what to do next, in the site's layout, with the same status code.
 */
import type { Context } from "hono";
import type { Problem } from "../../lib/problem";
import type { AppEnv } from "../../lib/app-env";
import { Layout } from "./layout";
import { viewOf } from "./view";

interface Explanation {
  title: string;
  /** What to do about it; the problem's own detail is shown too where it helps. */
  advice: string;
  showDetail: boolean;
}

function explain(p: Problem): Explanation {
  if (p.extra.code === "csrf") {
    return {
      title: "This form has expired",
      advice:
        "For your safety, a form works only from this site and only for the session it was shown in. Go back, reload the page and try again.",
      showDetail: false,
    };
  }
  switch (p.status) {
    case 403:
      return { title: "Not allowed", advice: "Your account may not do this.", showDetail: true };
    case 404:
      return {
        title: "Page not found",
        advice: "The address may be mistyped, or what was here has been removed.",
        showDetail: false,
      };
    case 413:
      return { title: "Too large", advice: "Choose a smaller file and try again.", showDetail: true };
    case 429:
      return {
        title: "Slow down",
        advice: "There were too many requests in a short time. Wait a minute and try again.",
        showDetail: false,
      };
    default:
      if (p.status >= 500) {
        return {
          title: "Something went wrong",
          advice:
            "It is not your fault. Try again in a moment; if it keeps happening, tell us the reference below.",
          showDetail: false,
        };
      }
      return { title: "That did not work", advice: "Go back and check what you entered.", showDetail: true };
  }
}

export function renderErrorPage(c: Context<AppEnv>, p: Problem) {
  const { title, advice, showDetail } = explain(p);
  for (const [k, v] of Object.entries(p.extra.headers ?? {}))
    if (k.toLowerCase() !== "www-authenticate") c.header(k, v);
  const v = viewOf(c);
  return c.html(
    <Layout v={v} title={title}>
      <h1>{title}</h1>
      {showDetail && <p>{p.detail}</p>}
      <p>{advice}</p>
      {p.status >= 500 && <p class="muted">Reference: {c.get("requestId")}</p>}
      <p>
        <a href={v.user ? "/dashboard" : "/"}>{v.user ? "Go to your dashboard" : "Go to the home page"}</a> or{" "}
        <a href="/gallery">browse the gallery</a>.
      </p>
    </Layout>,
    p.status as 400,
  );
}

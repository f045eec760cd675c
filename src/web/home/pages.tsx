/** The landing page and the signed-in dashboard. */
import type { CreationView } from "../../features/creations/schemas";
import { ProjectsOverview, type ProjectSummary } from "../projects/pages";
import type { ArtifactView } from "../../features/artifacts/library";
import { CreationGrid, Pager } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

export function LandingPage({ v, latest }: { v: PageView; latest: CreationView[] }) {
  return (
    <Layout v={v} title="A UX-design workspace">
      <section class="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">Design better products, one step at a time</h1>
        <p class="lead">
          uXPRT is a UX-design workspace at the edge. Publish what you build in the creations gallery, score
          the work of others on creativity and uniqueness, and find ideas by tag.
        </p>
        <div class="form-actions">
          {v.user ? (
            <a class="button" href="/dashboard">
              Go to your dashboard
            </a>
          ) : (
            <>
              <a class="button" href="/signup">
                Create an account
              </a>
              <a class="button secondary" href="/gallery">
                Browse the gallery
              </a>
            </>
          )}
        </div>
      </section>
      <section class="section" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest creations</h2>
        <CreationGrid items={latest} heading="h3" empty="Nothing is published yet." />
        {latest.length > 0 && (
          <p class="section">
            <a href="/gallery">See all creations</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

export interface DashboardWork {
  projects: ProjectSummary[];
  artifacts: ArtifactView[];
  moreProjects: boolean;
}

export function DashboardPage({
  v,
  work,
  mine,
  nextCursor,
  hasPrevious,
}: {
  v: PageView;
  work: DashboardWork;
  mine: CreationView[];
  nextCursor: string | null;
  hasPrevious: boolean;
}) {
  return (
    <Layout v={v} title="Dashboard">
      <h1>Hello, {v.user!.displayName}</h1>
      <ProjectsOverview v={v} {...work} />
      <section class="section" aria-labelledby="mine-heading">
        <div class="page-head">
          <h2 id="mine-heading">Your creations</h2>
          <a class="button" href="/gallery/new">
            Upload a creation
          </a>
        </div>
        <CreationGrid items={mine} heading="h3" empty="You have not published anything yet." />
        <Pager base="/dashboard" params={{}} nextCursor={nextCursor} hasPrevious={hasPrevious} />
      </section>
      <section class="section" aria-labelledby="next-heading">
        <h2 id="next-heading">Elsewhere</h2>
        <ul>
          <li>
            <a href="/artifacts">Search your artifacts</a>
          </li>
          <li>
            <a href="/gallery">Browse and score the gallery</a>
          </li>
          <li>
            <a href="/account">Your account: profile and password</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

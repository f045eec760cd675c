/** The landing page and the signed-in dashboard. */
import type { CreationView } from "../../features/creations/schemas";
import { ProjectsOverview, type ProjectSummary } from "../projects/pages";
import type { ArtifactView } from "../../features/artifacts/library";
import { CreationGrid, Pager } from "../ui/components";
import { MessageItem } from "../chat/pages";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

/** What the guide walks a project through; the same five stages as the pipeline's catalogue. */
const STEPS = [
  {
    name: "Idea and goals",
    text: "Say what you want to build in plain words; the guide asks what it needs.",
  },
  { name: "Audience and personas", text: "Who it is for, with research from the web, cited." },
  {
    name: "PRD and requirements",
    text: "A product requirements document, functional and design requirements, data model.",
  },
  { name: "Diagrams and wireframes", text: "Flowcharts, sitemaps, C4 context and wireframes, drawn." },
  { name: "Go-to-market and brand", text: "Lean Canvas, launch plan, voice and tone, brand identity." },
];

/** A preview of a real conversation, drawn with the chat's own markup and styles (not an image). */
function ChatPreview() {
  const at = "2026-01-05T09:30:00.000Z";
  return (
    <figure class="preview" aria-label="Preview: a conversation with the product guide">
      <ol class="messages">
        <MessageItem
          m={{
            id: "p1",
            role: "user",
            agent: "product",
            content: "A subscription for fresh bread from local bakeries.",
            createdAt: at,
          }}
        />
        <MessageItem
          m={{
            id: "p2",
            role: "assistant",
            agent: "product",
            content:
              "Got it. **Problem:** fresh bread is hard to get before work. Two questions:\n1. Who buys it most often?\n2. How will you measure success?",
            createdAt: at,
          }}
        />
        <li class="job-card done">
          <p class="meta">Product requirements document</p>
          <p>Ready, version 1.</p>
          <progress max={100} value={100} aria-label="Product requirements document: 100%" />
        </li>
      </ol>
      <figcaption class="meta">
        What a conversation looks like: answers stream in, documents appear as they are written.
      </figcaption>
    </figure>
  );
}

export function LandingPage({ v, latest }: { v: PageView; latest: CreationView[] }) {
  return (
    <Layout v={v} title="An AI guide from idea to PRD">
      <section class="hero landing" aria-labelledby="hero-heading">
        <div>
          <h1 id="hero-heading">From an idea to a PRD, personas, diagrams and a brand</h1>
          <p class="lead">
            uXPRT is an AI UX guide. Tell it about your product in plain language; it asks the right
            questions, walks you through five stages and writes the documents a UX practitioner would start
            from: requirements, personas, journeys, wireframes, diagrams, a launch plan and a brand.
          </p>
          <div class="form-actions">
            {v.user ? (
              <a class="button" href="/dashboard">
                Go to your projects
              </a>
            ) : (
              <>
                <a class="button" href="/signup">
                  Start a project, free
                </a>
                <a class="button secondary" href="/signin">
                  Sign in
                </a>
              </>
            )}
          </div>
        </div>
        <ChatPreview />
      </section>
      <section class="section" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Five stages, one conversation</h2>
        <ol class="steps">
          {STEPS.map((step) => (
            <li>
              <h3>{step.name}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
      <section class="section" aria-labelledby="latest-heading">
        <h2 id="latest-heading">The gallery</h2>
        <p>Publish what you build, score others' work on creativity and uniqueness, and find ideas by tag.</p>
        <CreationGrid items={latest} heading="h3" empty="Nothing is published yet." />
        <p class="section">
          <a href="/gallery">Browse the gallery</a>
        </p>
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

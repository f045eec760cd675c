/** The dashboard's project sections, the new-project form and a project's page. */
import type { ArtifactView } from "../../features/artifacts/library";
import type { ConversationView } from "../../features/chat/schemas";
import type { BriefView } from "../../features/pipeline/brief";
import type { ProjectView } from "../../features/projects/schemas";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert, SelectField } from "../ui/components";
import { Layout } from "../ui/layout";
import { AGENTS, type AgentId } from "../../features/pipeline/catalogue";
import { AGENT_OPTIONS, ArtifactList, Progress, TYPE_OPTIONS, When } from "../ui/work";
import type { PageView } from "../ui/view";

export interface ProjectSummary {
  project: ProjectView;
  brief: BriefView;
}

export function NewProjectForm({ v, form }: { v: PageView; form?: FormState }) {
  return (
    <form method="post" action="/projects/new" class="form-card">
      <CsrfField v={v} />
      <FormAlert form={form} />
      <Field form={form} name="name" label="Project name" required maxlength={100} />
      <Field
        form={form}
        name="description"
        label="Description"
        type="textarea"
        hint="Optional: what are you making?"
        maxlength={2000}
      />
      <button type="submit">Create project</button>
    </form>
  );
}

export function NewProjectPage({ v, form }: { v: PageView; form?: FormState }) {
  return (
    <Layout v={v} title="New project">
      <h1>New project</h1>
      <NewProjectForm v={v} form={form} />
    </Layout>
  );
}

/** The dashboard's first sections: projects with progress, the next step, recent artifacts. */
export function ProjectsOverview({
  v,
  projects,
  artifacts,
  moreProjects,
}: {
  v: PageView;
  projects: ProjectSummary[];
  artifacts: ArtifactView[];
  moreProjects: boolean;
}) {
  const next = projects[0];
  return (
    <>
      {next && (
        <section class="notice next-step" aria-labelledby="next-step-heading">
          <h2 id="next-step-heading">Suggested next step</h2>
          <p>
            In <a href={`/projects/${next.project.id}`}>{next.project.name}</a>: {next.brief.nextStep.text}
          </p>
        </section>
      )}
      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">Your projects</h2>
        {projects.length === 0 ? (
          <p class="muted">No projects yet. Start one: the guide asks what it needs, one step at a time.</p>
        ) : (
          <ul class="grid">
            {projects.map(({ project, brief }) => (
              <li>
                <article class="card">
                  <div class="body">
                    <h3>
                      <a href={`/projects/${project.id}`}>{project.name}</a>
                    </h3>
                    <Progress brief={brief} />
                    <p class="meta">Next: {brief.nextStep.text}</p>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
        {moreProjects && <p class="muted">Only your most recently active projects are shown.</p>}
        <details class="section" open={projects.length === 0}>
          <summary>Create a project</summary>
          <NewProjectForm v={v} />
        </details>
      </section>
      <section class="section" aria-labelledby="recent-heading">
        <div class="page-head">
          <h2 id="recent-heading">Recent artifacts</h2>
          <a href="/artifacts">All artifacts</a>
        </div>
        <ArtifactList items={artifacts} empty="Artifacts appear here once the guide generates them." />
      </section>
    </>
  );
}

export interface ProjectPageProps {
  v: PageView;
  project: ProjectView;
  brief: BriefView;
  conversations: ConversationView[];
  artifacts: ArtifactView[];
  forms?: { conversation?: FormState; generate?: FormState };
}

export function ProjectPage({ v, project, brief, conversations, artifacts, forms = {} }: ProjectPageProps) {
  const base = `/projects/${project.id}`;
  return (
    <Layout v={v} title={project.name}>
      <div class="page-head">
        <h1>{project.name}</h1>
        <a class="button secondary" href={`/api/v1/projects/${project.id}/export`} download>
          Export project (ZIP)
        </a>
      </div>
      {project.description && <p class="lead">{project.description}</p>}
      <Progress brief={brief} />
      <p>
        <strong>Next:</strong> {brief.nextStep.text}
      </p>

      <section class="section" aria-labelledby="conversations-heading">
        <h2 id="conversations-heading">Conversations</h2>
        {conversations.length === 0 ? (
          <p class="muted">No conversations yet. Start one to talk with a guide.</p>
        ) : (
          <ul class="artifact-list">
            {conversations.map((conv) => (
              <li>
                <a href={`/conversations/${conv.id}`}>{conv.title}</a>{" "}
                <span class="meta">
                  · {AGENTS[conv.agent as AgentId]?.name ?? conv.agent} · <When iso={conv.updatedAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/conversations`} class="form-card section">
          <CsrfField v={v} />
          <FormAlert form={forms.conversation} />
          <Field
            form={forms.conversation}
            name="title"
            label="Conversation title"
            hint="Optional."
            maxlength={100}
          />
          <SelectField
            form={forms.conversation}
            name="agent"
            label="Guide"
            options={AGENT_OPTIONS}
            value="product"
          />
          <button type="submit">Start a conversation</button>
        </form>
      </section>

      <section class="section" aria-labelledby="artifacts-heading">
        <h2 id="artifacts-heading">Artifacts</h2>
        <ArtifactList items={artifacts} empty="Nothing generated yet." />
        <form method="post" action={`${base}/generate`} class="form-card section">
          <CsrfField v={v} />
          <FormAlert form={forms.generate} />
          <SelectField
            form={forms.generate}
            name="type"
            label="Generate an artifact"
            options={TYPE_OPTIONS}
            value="prd"
          />
          <p class="hint">
            Missing facts become open questions in the document; generating again adds a version.
          </p>
          <button type="submit">Generate</button>
        </form>
      </section>
    </Layout>
  );
}

/** What every type writer receives: the facts, the product's name and what practice knows of its kind. */
import { FACTS, type FactId } from "../../pipeline/catalogue";
import type { DocSection, Facts } from "./doc";
import { knowledgeOf, projectKind, type KindKnowledge, type ProjectKind } from "./knowledge";

export interface WriterContext {
  facts: Facts;
  product: string;
  kind: ProjectKind;
  k: KindKnowledge;
}

export const context = (facts: Facts): WriterContext => {
  const kind = projectKind(facts);
  return { facts, product: facts.productName?.value.trim() || "the product", kind, k: knowledgeOf(kind) };
};

/** A type writer: the sections of the catalogue's outline, in order, from the context. */
export type TypeWriter = (ctx: WriterContext) => DocSection[];

/** The inline form of a missing fact: the guide's question, so the reader sees what is undecided. */
export const ask = (id: FactId) => `> **Open question: ${FACTS[id].label}.** ${FACTS[id].question}`;

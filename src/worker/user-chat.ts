/**
 * The UserChat Durable Object class this Worker binds (wrangler.jsonc): the chat feature's object
 * (features/chat/user-chat.ts) with the guide's hooks wired to generation jobs (features/artifacts)
 * and research jobs (features/research), which chat itself does not import.
 */
import { artifactGenerator } from "../features/artifacts/chat-generator";
import { type ChatHooks, UserChatObject } from "../features/chat/user-chat";
import { chatResearcher } from "../features/research/chat-researcher";
import { researchPorts } from "./research-ports";

export class UserChat extends UserChatObject {
  protected hooks(): ChatHooks {
    return { generator: artifactGenerator(this.env), researcher: chatResearcher(this.env, researchPorts) };
  }
}

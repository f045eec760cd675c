/** Admin pages: confirmation before role changes, deactivation and deletion. */
import { confirmDestructiveForms } from "./lib/confirm";

confirmDestructiveForms();

import { createHash, randomBytes } from "node:crypto";

/** Sortable by creation time, unguessable, URL- and key-safe: `<prefix>_<time36><random>`. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, "0")}${randomBytes(8).toString("base64url").replace(/[-_]/g, "x")}`;
}

/** The id of what a workflow state creates, the same however often the state is retried. */
export const idFor = (prefix: string, executionId: string, state: string) =>
  `${prefix}_${createHash("sha256").update(`${executionId}\u001f${state}`).digest("base64url").slice(0, 22)}`;

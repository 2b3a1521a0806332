import { createHash, randomBytes } from "node:crypto";

/** Sortable by creation time, unguessable, URL- and key-safe: `<prefix>_<time36><random>`. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, "0")}${randomBytes(8).toString("base64url").replace(/[-_]/g, "x")}`;
}

/**
 * An id that follows from what names the thing (an execution and its state; an employee and a
 * start date): the same however often it is created, so a retry finds the first one by key.
 */
export const idFor = (prefix: string, ...parts: string[]) =>
  `${prefix}_${createHash("sha256").update(parts.join("\u001f")).digest("base64url").slice(0, 22)}`;

import type { Actor, AuditRecord } from "./model";
import type { AuditStore, Clock } from "./ports";

export const SYSTEM: Actor = { id: "system" };
export const SCHEDULER: Actor = { id: "scheduler" };

/** Records who changed what; `changes` lists field names only, never their values. */
export function audit(
  deps: { store: AuditStore; clock: Clock },
  entry: Omit<AuditRecord, "at" | "changes"> & { changes?: string[] },
): Promise<void> {
  return deps.store.appendAudit({
    ...entry,
    changes: entry.changes ?? [],
    at: deps.clock.now().toISOString(),
  });
}

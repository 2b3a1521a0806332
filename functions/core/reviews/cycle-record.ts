// A review cycle as the system keeps it: HR's definition, where it stands, and how far its launch
// got. The reviews themselves are cases (workflow annualReview) in the cycle's group.
import { z } from "zod";
import { Id, Instant } from "../model";
import { CycleDefinition } from "./cycle";

/**
 * draft: defined, nothing started; launching: reviews are being created and started (a crash or a
 * large cycle resumes in the sweep); open: every review runs; closed: HR closed it (what was not
 * done is recorded so); cancelled: stopped, open tasks cancelled.
 */
export const CycleStatus = z.enum(["draft", "launching", "open", "closed", "cancelled"]);
export type CycleStatus = z.infer<typeof CycleStatus>;

export const Cycle = z.object({
  id: Id,
  definition: CycleDefinition,
  status: CycleStatus,
  createdBy: z.string(),
  launch: z
    .object({
      selected: z.number().int().min(0),
      created: z.number().int().min(0),
      started: z.number().int().min(0),
      /**
       * Who writes the cycle's reviews now, and until when: one writer at a time, so the bulk
       * write (no per-item condition) never overwrites a review another writer started.
       */
      lease: z.object({ owner: z.string().max(100), until: Instant }).optional(),
    })
    .optional(),
  createdAt: Instant,
  updatedAt: Instant,
  /** Optimistic concurrency: a launch, an extension and a cancel never overwrite each other. */
  version: z.number().int().min(1),
});
export type Cycle = z.infer<typeof Cycle>;

/** The case group of a cycle's reviews. */
export const cycleGroup = (cycleId: string) => `cycle:${cycleId}`;

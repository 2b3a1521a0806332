// The local engine's durable memory: where each execution stands, so a restart resumes it.
export type ExecutionStatus =
  | "running"
  | "parking"
  | "parked"
  | "resuming"
  | "succeeded"
  | "failed"
  | "stopped";

export type Resolution =
  | { tokenHash: string; output: unknown }
  | { tokenHash: string; error: string; cause: string };

export interface ExecutionRecord {
  executionId: string;
  workflow: string;
  name: string;
  input: unknown;
  startTime: string;
  status: ExecutionStatus;
  /** The callback state the execution waits in (or is entering / leaving). */
  parkedState?: string;
  /** That state's raw input: a resumed run starts there with it. */
  stateInput?: unknown;
  tokenHash?: string;
  /** The step call that issued the token, replayed if the process died in the middle of it. */
  pendingStep?: { step: string; payload: unknown };
  timeoutAt?: string;
  resolution?: Resolution;
  output?: unknown;
  error?: string;
  cause?: string;
  /** States entered, most recent last (capped). */
  history: string[];
  updatedAt: string;
}

export interface ExecutionJournal {
  get(executionId: string): Promise<ExecutionRecord | undefined>;
  put(record: ExecutionRecord): Promise<void>;
  /** Creates the record unless one exists; returns whether it did. */
  create(record: ExecutionRecord): Promise<boolean>;
  findByTokenHash(tokenHash: string): Promise<ExecutionRecord | undefined>;
  listByStatus(status: ExecutionStatus): Promise<ExecutionRecord[]>;
}

export class MemoryJournal implements ExecutionJournal {
  private readonly records = new Map<string, ExecutionRecord>();
  async get(id: string) {
    const r = this.records.get(id);
    return r && structuredClone(r);
  }
  async put(record: ExecutionRecord) {
    this.records.set(record.executionId, structuredClone(record));
  }
  async create(record: ExecutionRecord) {
    if (this.records.has(record.executionId)) return false;
    await this.put(record);
    return true;
  }
  async findByTokenHash(hash: string) {
    return [...this.records.values()].find((r) => r.tokenHash === hash);
  }
  async listByStatus(status: ExecutionStatus) {
    return [...this.records.values()].filter((r) => r.status === status).map((r) => structuredClone(r));
  }
}

// The local workflow engine: aws-local-stepfunctions running workflows/*.asl.json, wrapped so that
// it behaves like Step Functions where the library does not:
// - every Task state runs the same step handler as the Lambda (never real AWS);
// - callback tasks get a token issued here (the library has no $$.Task.Token);
// - a run that reaches a callback task is recorded as parked in the journal and stopped; the
//   callback resumes it from that state (the library has no snapshots, but a definition with
//   StartAt set to the parked state and the state's input continues exactly there);
// - callback timeouts are enforced against our clock, not the library's timers, which overflow
//   past 24.8 days and would not follow a virtual clock anyway.
import "./polyfill";
import { createHash, randomBytes } from "node:crypto";
import { ExecutionAbortedError, StateMachine } from "aws-local-stepfunctions";
import type { Clock, Logger, WorkflowEngine, WorkflowName } from "../../core/ports";
import { localSubstitutions, type StepName, stepForLocalArn, workflowFiles } from "../../steps/catalog";
import {
  type AslDefinition,
  type AslState,
  isCallbackTask,
  loadWorkflowDefinition,
  walkStates,
} from "./definition";
import type { ExecutionJournal, ExecutionRecord, Resolution } from "./journal";

const SENTINEL = "__LOCAL_TASK_TOKEN__";
const ENGINE_TIMEOUT_CAP_SECONDS = 3600;

export interface LocalEngineOptions {
  journal: ExecutionJournal;
  clock: Clock;
  invokeStep(step: StepName, payload: unknown): Promise<unknown>;
  logger?: Logger;
  /** workflow -> ASL file; defaults to the project's workflows. */
  files?: Partial<Record<WorkflowName, string>>;
  /**
   * Called for every state transition Step Functions Standard would bill: each state entered
   * (in Parallel branches too) and each retry. Resuming a parked execution re-enters its callback
   * state here, which in AWS is one state, so that re-entry is not reported (npm run cost).
   */
  onTransition?(workflow: WorkflowName, state: string): void;
}

interface LoadedWorkflow {
  definition: AslDefinition;
  /** Original TimeoutSeconds of each callback state. */
  callbackTimeouts: Map<string, number>;
  /** State name -> step it runs. */
  steps: Map<string, StepName>;
  machines: Map<string, StateMachine>;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

function replaceSentinel(value: unknown, token: string): unknown {
  if (value === SENTINEL) return token;
  if (Array.isArray(value)) return value.map((v) => replaceSentinel(v, token));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSentinel(v, token)]));
  }
  return value;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export class LocalWorkflowEngine implements WorkflowEngine {
  private readonly workflows = new Map<string, LoadedWorkflow>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly options: LocalEngineOptions) {
    const files = { ...workflowFiles, ...options.files };
    for (const [workflow, file] of Object.entries(files)) this.workflows.set(workflow, this.load(file));
  }

  private load(file: string): LoadedWorkflow {
    const definition = loadWorkflowDefinition(file, localSubstitutions());
    const callbackTimeouts = new Map<string, number>();
    const steps = new Map<string, StepName>();
    walkStates(definition.States, (name, state, nested) => {
      if (state.Type !== "Task") return;
      const parameters = state.Parameters as Record<string, unknown> | undefined;
      const arn = isCallbackTask(state) ? parameters?.FunctionName : state.Resource;
      const step = typeof arn === "string" ? stepForLocalArn(arn) : undefined;
      if (!step)
        throw new Error(`${file}: Task state ${name} has no local step handler (resource ${String(arn)})`);
      if (isCallbackTask(state) && nested) {
        throw new Error(
          `${file}: callback task ${name} inside Parallel/Map cannot be resumed locally; keep it top-level`,
        );
      }
      steps.set(name, step);
      if (isCallbackTask(state)) callbackTimeouts.set(name, Number(state.TimeoutSeconds ?? 99_999_999));
      // The library's timers overflow past 2^31 ms; callback timeouts are enforced by fireTimeouts.
      state.TimeoutSeconds = Math.min(Number(state.TimeoutSeconds ?? 60), ENGINE_TIMEOUT_CAP_SECONDS);
    });
    new StateMachine(definition as never); // validates the definition once, at start
    return { definition, callbackTimeouts, steps, machines: new Map() };
  }

  private machine(workflow: LoadedWorkflow, startAt: string): StateMachine {
    let machine = workflow.machines.get(startAt);
    if (!machine) {
      machine = new StateMachine({ ...workflow.definition, StartAt: startAt } as never, {
        validationOptions: { noValidate: true },
      });
      workflow.machines.set(startAt, machine);
    }
    return machine;
  }

  /** Runs `work` after everything already queued for this execution: one segment at a time. */
  private enqueue<T>(executionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(executionId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(executionId, settled);
    settled.then(() => {
      if (this.chains.get(executionId) === settled) this.chains.delete(executionId);
    });
    return next;
  }

  async whenIdle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  async start(workflow: WorkflowName, name: string, input: Record<string, unknown>) {
    if (!this.workflows.has(workflow)) throw new Error(`unknown workflow ${workflow}`);
    const executionId = `arn:aws:states:local:000000000000:execution:${workflow}:${name}`;
    const record: ExecutionRecord = {
      executionId,
      workflow,
      name,
      input,
      startTime: this.options.clock.now().toISOString(),
      status: "running",
      history: [],
      updatedAt: new Date().toISOString(),
    };
    // Like StartExecution with the same name: the second call returns the first execution.
    if (await this.options.journal.create(record)) {
      this.enqueue(executionId, () => this.runSegment(executionId)).catch(() => undefined);
    }
    return { executionId };
  }

  sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    return this.resolve(taskToken, { tokenHash: hashToken(taskToken), output });
  }

  sendTaskFailure(taskToken: string, error: string, cause: string) {
    return this.resolve(taskToken, { tokenHash: hashToken(taskToken), error, cause });
  }

  private async resolve(_token: string, resolution: Resolution): Promise<void> {
    const found = await this.options.journal.findByTokenHash(resolution.tokenHash);
    if (!found) return; // unknown or already used: AWS treats a completed token the same way
    await this.enqueue(found.executionId, async () => {
      const record = await this.options.journal.get(found.executionId);
      if (!record || record.tokenHash !== resolution.tokenHash || record.status !== "parked") return;
      // The acknowledgement: once this is written, a crash or restart still delivers the outcome.
      await this.save({
        ...record,
        status: "resuming",
        resolution,
        tokenHash: undefined,
        timeoutAt: undefined,
      });
      this.enqueue(record.executionId, () => this.runSegment(record.executionId)).catch(() => undefined);
    });
  }

  async stop(executionId: string, cause: string) {
    await this.enqueue(executionId, async () => {
      const record = await this.options.journal.get(executionId);
      if (!record || ["succeeded", "failed", "stopped"].includes(record.status)) return;
      await this.save({ ...record, status: "stopped", cause, tokenHash: undefined, timeoutAt: undefined });
    });
  }

  /** After a restart: continue whatever was in flight; parked executions simply stay parked. */
  async resumeAll(): Promise<void> {
    for (const status of ["running", "parking", "resuming"] as const) {
      for (const record of await this.options.journal.listByStatus(status)) {
        this.enqueue(record.executionId, () => this.runSegment(record.executionId)).catch(() => undefined);
      }
    }
  }

  /** Callback tasks past their TimeoutSeconds (by our clock) fail with States.Timeout. */
  async fireTimeouts(now: Date): Promise<number> {
    let fired = 0;
    for (const record of await this.options.journal.listByStatus("parked")) {
      if (record.timeoutAt && record.timeoutAt <= now.toISOString() && record.tokenHash) {
        await this.enqueue(record.executionId, async () => {
          const current = await this.options.journal.get(record.executionId);
          if (current?.status !== "parked" || current.tokenHash !== record.tokenHash) return;
          const resolution = {
            tokenHash: record.tokenHash!,
            error: "States.Timeout",
            cause: "callback task timed out",
          };
          await this.save({
            ...current,
            status: "resuming",
            resolution,
            tokenHash: undefined,
            timeoutAt: undefined,
          });
          this.enqueue(record.executionId, () => this.runSegment(record.executionId)).catch(() => undefined);
        });
        fired++;
      }
    }
    return fired;
  }

  describe(executionId: string) {
    return this.options.journal.get(executionId).then(
      (r) =>
        r && {
          executionId: r.executionId,
          status: r.status,
          parkedState: r.parkedState,
          timeoutAt: r.timeoutAt,
          error: r.error,
          history: r.history,
        },
    );
  }

  private save(record: ExecutionRecord) {
    return this.options.journal.put({
      ...record,
      history: record.history.slice(-200),
      updatedAt: new Date().toISOString(),
    });
  }

  /** Runs the execution from where its record says it stands until it parks, ends or fails. */
  private async runSegment(executionId: string): Promise<void> {
    let record = await this.options.journal.get(executionId);
    if (!record) return;
    const workflow = this.workflows.get(record.workflow);
    if (!workflow) throw new Error(`unknown workflow ${record.workflow}`);

    if (record.status === "parking" && record.pendingStep) {
      // The process died while the step that issued the token ran: run it again (steps are
      // idempotent per token), then the execution is parked as intended.
      await this.options.invokeStep(record.pendingStep.step as StepName, record.pendingStep.payload);
      await this.save({ ...record, status: "parked", pendingStep: undefined });
      return;
    }
    if (!["running", "resuming"].includes(record.status)) return;

    const resuming = record.status === "resuming" && record.parkedState !== undefined;
    const startAt = resuming ? record.parkedState! : workflow.definition.StartAt;
    const input = resuming ? record.stateInput : record.input;
    let resolution = resuming ? record.resolution : undefined;
    const entered = new Map<string, { promise: Promise<unknown>; resolve: (v: unknown) => void }>();
    const enteredInput = (state: string) => {
      let slot = entered.get(state);
      if (!slot) {
        let resolve!: (v: unknown) => void;
        const promise = new Promise<unknown>((r) => {
          resolve = r;
        });
        slot = { promise, resolve };
        entered.set(state, slot);
      }
      return slot;
    };
    const history = [...record.history];
    let parked = false;

    // Stopping the run from inside a handler: abort() ends it without Catch/Retry seeing an error.
    // The handler then settles at once (the library's loop sees the abort and takes no further
    // state), so the library clears its Task timeout timer: a never-settling promise kept a timer
    // and the run's closures alive for up to an hour per parked execution (and kept scripts from
    // exiting).
    let execution: ReturnType<StateMachine["run"]> | undefined;
    const halt = () => {
      execution?.abort();
      return Promise.resolve({} as never);
    };
    const handlers: Record<string, (payload: unknown) => Promise<unknown>> = {};
    for (const [stateName, step] of workflow.steps) {
      const state = workflow.definition.States[stateName] as AslState | undefined;
      if (state && isCallbackTask(state)) {
        handlers[stateName] = async (effective) => {
          if (resolution && stateName === startAt) {
            const r = resolution;
            resolution = undefined; // only the first entry of the resumed state gets it
            if ("error" in r) throw namedError(r.error, r.cause);
            return r.output;
          }
          const stateInput = await enteredInput(stateName).promise;
          const current = (await this.options.journal.get(executionId))!;
          if (current.status === "stopped") return halt();
          const token = randomBytes(32).toString("base64url");
          const payload = replaceSentinel((effective as { Payload?: unknown }).Payload, token);
          const timeoutSeconds = workflow.callbackTimeouts.get(stateName)!;
          record = {
            ...current,
            status: "parking",
            parkedState: stateName,
            stateInput,
            tokenHash: hashToken(token),
            pendingStep: { step, payload },
            timeoutAt: new Date(this.options.clock.now().getTime() + timeoutSeconds * 1000).toISOString(),
            resolution: undefined,
            history,
          };
          await this.save(record);
          try {
            await this.options.invokeStep(step, payload);
          } catch (error) {
            record = {
              ...record,
              status: "running",
              tokenHash: undefined,
              pendingStep: undefined,
              timeoutAt: undefined,
            };
            await this.save(record);
            throw error;
          }
          await this.save({ ...record, status: "parked", pendingStep: undefined });
          parked = true;
          return halt();
        };
      } else {
        handlers[stateName] = async (payload) => (await this.options.invokeStep(step, payload)) as never;
      }
    }

    execution = this.machine(workflow, startAt).run(input as never, {
      noThrowOnAbort: true,
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: {
          Id: record.executionId,
          Name: record.name,
          StartTime: record.startTime,
          Input: record.input as never,
        },
        Task: { Token: SENTINEL },
      },
    });
    const run = execution;
    const workflowName = record.workflow as WorkflowName;
    let resumedEntry = resuming;
    const events = (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === "StateEntered" && "state" in event) {
          history.push(event.state.name);
          enteredInput(event.state.name).resolve(event.state.input);
          if (resumedEntry && event.state.name === startAt) resumedEntry = false;
          else this.options.onTransition?.(workflowName, event.state.name);
        }
        if (event.type === "StateRetried" && "state" in event)
          this.options.onTransition?.(workflowName, event.state.name);
        // A parked run ends as a failure of the Parked error; it must not be reported as one.
        if (parked) break;
      }
    })().catch(() => undefined);

    try {
      const output = await run.result;
      await events;
      if (parked || output === null) return; // aborted: parked or stopped
      const latest = (await this.options.journal.get(executionId))!;
      if (latest.status === "stopped") return;
      await this.save({
        ...latest,
        status: "succeeded",
        output,
        history,
        resolution: undefined,
        stateInput: undefined,
      });
    } catch (error) {
      await events;
      if (parked || error instanceof ExecutionAbortedError) return;
      const cause = (error as Error & { cause?: Error }).cause ?? (error as Error);
      const latest = (await this.options.journal.get(executionId))!;
      if (latest.status === "stopped" || latest.status === "parked") return;
      this.options.logger?.warn("local execution failed", { executionId, error: cause.name });
      await this.save({
        ...latest,
        status: "failed",
        error: cause.name,
        cause: cause.message,
        history,
        resolution: undefined,
      });
    }
  }
}

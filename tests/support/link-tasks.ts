// Email-link tasks on the harness, without running workflows: a probation written straight to the
// store and tasks created by the workflow step's use case; each task's link is read from its mail.
import type { TaskKind } from "../../functions/core/model";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import type { Probation } from "../../functions/core/workflows/probation";
import type { Harness } from "./api-harness";
import { idleEngine } from "./deps";

export const noWorkflows = { wrapEngine: () => idleEngine };

let probations = 0;
let tokens = 0;

/** A probation of the subject (TLS unless the demo record says otherwise), active by default. */
export async function probationOf(
  h: Harness,
  employeeId: string,
  dates: { startDate: string; endDate: string },
  extra: {
    data?: Partial<Probation["data"]>;
    status?: Probation["status"];
    outcome?: Probation["outcome"];
  } = {},
): Promise<Probation> {
  const employee = await h.deps.store.getEmployee(employeeId);
  const at = h.now().toISOString();
  const probation: Probation = {
    id: `prob-${employeeId}-${++probations}`,
    workflow: "probation",
    subjectId: employeeId,
    data: {
      regime: employee?.regime ?? "TLS",
      startDate: dates.startDate,
      baseEndDate: dates.endDate,
      endDate: dates.endDate,
      extensionDays: 0,
      ...extra.data,
    },
    status: extra.status ?? "active",
    ...(extra.outcome ? { outcome: extra.outcome } : {}),
    createdAt: at,
    updatedAt: at,
  };
  await h.deps.store.createCase(probation);
  return probation;
}

/** A new open task of the probation; returns its id and its link's path (/l/...). */
export async function openTask(
  h: Harness,
  caseId: string,
  kind: TaskKind,
): Promise<{ taskId: string; path: string }> {
  const n = ++tokens;
  // What the workflow step passes: its token, and its execution and state (which name the task
  // when the step is retried). Not a literal, so the input type may lag behind or run ahead.
  const input = {
    taskToken: `link-task-${Date.now().toString(36)}-${n}`,
    executionId: `exec-link-task-${Date.now().toString(36)}-${n}`,
    state: `Task${n}`,
    caseId,
    kind,
  };
  const { taskId } = await createHumanTask(h.deps, input);
  const mail = h.mails.findLast((m) => m.tag === `task:${kind}` && m.text.includes(`/l/${taskId}.`));
  if (!mail) throw new Error(`no task mail for ${taskId}`);
  const url = /https?:\/\/\S+\/l\/\S+/.exec(mail.text)![0];
  return { taskId, path: new URL(url).pathname };
}

export const nonceIn = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)![1]!;

/** A form POST as a browser sends it from our page. */
export const submit = (
  h: Harness,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  h.app.request(path, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });

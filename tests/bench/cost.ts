// `npm run cost`: a simulated year of an organisation on the local system (DynamoDB Local, the
// local engine running workflows/*.asl.json, the Hono app, the scheduler sweep on a virtual
// clock), with counting adapters around the real pieces (cost-counting.ts), priced from
// aws-prices.json. Prints the AWS cost per employee-year at 100, 1,000 and 10,000 employees.
//
// How the figure is made, so nothing is hidden by scaling:
// - COST_EMPLOYEES (default 100, 6-8 minutes on 2 shared cores) employees are simulated for a whole year: everything they cause
//   (hires with probation, an annual and a mid-term cycle, reminders, escalations, lapses,
//   absences with substitutes, delegations, mails, link pages) is counted and divided by the
//   employee-years simulated. That is the variable cost per employee-year.
// - The sweep runs in AWS every few minutes (infra/stack.ts): 105,120 runs a year at 5 minutes.
//   Here it runs three times a simulated day: two working runs, and one five minutes later that
//   usually has nothing to do and is measured. Each day's other runs are charged at that day's
//   measured idle run (an idle run reads the open tasks due soon, so it costs more while cycles
//   run and grows with headcount). The cheapest idle run times 105,120 is the fixed cost, divided
//   by the headcount reported for; everything above it is in the variable cost.
// - Org data is written before the year starts, uncounted (a one-off import); the local engine's
//   own execution journal is uncounted too: in AWS, Step Functions keeps that state and bills it
//   as state transitions, which are counted.
// - Free tiers are left out (they are per account and would make a small organisation nearly free).
import "../../functions/adapters/local-engine/polyfill";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { ensureTable } from "../../functions/adapters/dynamodb/table";
import { DynamoExecutionJournal } from "../../functions/adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { createApp } from "../../functions/api/app";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import type { Deps } from "../../functions/core/deps";
import { formFor } from "../../functions/core/forms";
import type { Employee, HumanTask, JobDescription } from "../../functions/core/model";
import type { Mailer, WorkflowEngine } from "../../functions/core/ports";
import { QueueingMailer } from "../../functions/core/usecases/mail-queue";
import { sweep } from "../../functions/core/usecases/scheduler";
import { linkUrl } from "../../functions/core/usecases/tasks";
import { createDevAuth } from "../../functions/local/dev-auth";
import { localDynamoClient, startDynamoDbLocal } from "../../functions/local/dynamodb-local";
import { invokeStep } from "../../functions/steps/index";
import { CostMeter, countDynamoDb, emptyUsage, type Usage, usageDiff } from "./cost-counting";

const EMPLOYEES = Number(process.env.COST_EMPLOYEES ?? 100);
const YEAR = 2026;
const TURNOVER = 0.15;
const REPORT_SIZES = [100, 1_000, 10_000];
const TARGET = 0.005;
const verbose = Boolean(process.env.COST_VERBOSE);

// --- what the CDK stack configures ----------------------------------------------------------

const root = new URL("../../", import.meta.url);
const infra = (file: string) => readFileSync(new URL(file, root), "utf8");

/** Memory of every function: HouseFunction's default, unless the stack overrides it. */
function lambdaMemoryMb(): number {
  const fallback = /memorySize: props\.memorySize \?\? (\d+)/.exec(infra("infra/house-function.ts"));
  if (!fallback) throw new Error("infra/house-function.ts: memorySize default not found; update cost.ts");
  if (/memorySize\s*:/.test(infra("infra/stack.ts")))
    throw new Error("infra/stack.ts sets a memorySize: read it per function in cost.ts");
  return Number(fallback[1]);
}

/** The sweep schedule's rate in minutes. */
function sweepMinutes(): number {
  const rate = /ScheduleExpression\.rate\(Duration\.minutes\((\d+)\)\)/.exec(infra("infra/stack.ts"));
  if (!rate) throw new Error("infra/stack.ts: the sweep schedule's rate was not found; update cost.ts");
  return Number(rate[1]);
}

interface Price {
  usd: number;
  per: number;
  unit: string;
  source: string;
  exact: boolean;
}
const priceFile = JSON.parse(readFileSync(new URL("tests/bench/aws-prices.json", root), "utf8")) as {
  region: string;
  taken: string;
  note: string;
  prices: Record<
    | "stateTransition"
    | "lambdaRequest"
    | "lambdaGbSecondArm"
    | "dynamoWriteRequestUnit"
    | "dynamoReadRequestUnit"
    | "mail"
    | "apiRequest"
    | "schedulerInvocation",
    Price
  >;
};
const P = priceFile.prices;
const at = (p: Price, quantity: number) => (quantity * p.usd) / p.per;

const MEMORY_GB = lambdaMemoryMb() / 1024;
const SWEEPS_PER_DAY = (24 * 60) / sweepMinutes();
const SWEEPS_PER_YEAR = 365 * SWEEPS_PER_DAY;

// --- pricing a usage --------------------------------------------------------------------------

type Item = "Step Functions" | "Lambda" | "DynamoDB" | "mail (SES)" | "API Gateway" | "EventBridge Scheduler";

function priced(u: Usage): Record<Item, number> {
  const lambda = Object.values(u.lambda);
  const invocations = lambda.reduce((n, l) => n + l.invocations, 0);
  const gbSeconds = (lambda.reduce((n, l) => n + l.billedMs, 0) / 1000) * MEMORY_GB;
  return {
    "Step Functions": at(P.stateTransition, u.stateTransitions),
    Lambda: at(P.lambdaRequest, invocations) + at(P.lambdaGbSecondArm, gbSeconds),
    DynamoDB: at(P.dynamoReadRequestUnit, u.readUnits) + at(P.dynamoWriteRequestUnit, u.writeUnits),
    "mail (SES)": at(P.mail, u.mails),
    "API Gateway": at(P.apiRequest, u.apiRequests),
    "EventBridge Scheduler": at(P.schedulerInvocation, u.schedulerInvocations),
  };
}

const scaled = (u: Usage, factor: number): Usage => ({
  stateTransitions: u.stateTransitions * factor,
  lambda: Object.fromEntries(
    Object.entries(u.lambda).map(([fn, l]) => [
      fn,
      { invocations: l.invocations * factor, billedMs: l.billedMs * factor },
    ]),
  ),
  readUnits: u.readUnits * factor,
  writeUnits: u.writeUnits * factor,
  dynamoRequests: u.dynamoRequests * factor,
  mails: u.mails * factor,
  apiRequests: u.apiRequests * factor,
  schedulerInvocations: u.schedulerInvocations * factor,
});

// --- the local system with meters ---------------------------------------------------------------

const db = await startDynamoDbLocal({});
let finished = false;
try {
  const meter = new CostMeter();
  const counted = localDynamoClient(db.endpoint);
  const peek = localDynamoClient(db.endpoint);
  countDynamoDb(counted, peek, meter);
  const table = `cost-${Date.now()}`;
  await ensureTable(peek, table);
  const marshallOptions = { removeUndefinedValues: true };
  const store = new DynamoStore(DynamoDBDocumentClient.from(counted, { marshallOptions }), table);
  // The simulation's own looks (which tasks are open, the org import) cost nothing in AWS.
  const quiet = new DynamoStore(DynamoDBDocumentClient.from(peek, { marshallOptions }), table);

  let now = new Date(`${YEAR}-01-01T06:00:00Z`);
  const clock = { now: () => now };
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  // SES: what reaches the transport is a sent mail (the queue's own writes are DynamoDB's).
  const mailKinds = new Map<string, number>();
  const notified = new Set<string>();
  let sameDayNotices = 0;
  const ses: Mailer = {
    send: async (mail) => {
      meter.usage.mails++;
      mailKinds.set(mail.tag, (mailKinds.get(mail.tag) ?? 0) + 1);
      // Reminders and escalations to someone who had one that day already (a digest would merge them).
      if (/^(reminder|escalation):/.test(mail.tag)) {
        const key = `${mail.to} ${tallinnDate(now)}`;
        if (notified.has(key)) sameDayNotices++;
        notified.add(key);
      }
    },
  };
  let deps!: Deps;
  // Each Lambda invocation runs alone here, so its wall time is its own: in AWS every one has a
  // sandbox of its own, while here they would share two cores and one DynamoDB Local.
  let stepsInFlight: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = stepsInFlight.then(work, work);
    stepsInFlight = run.catch(() => undefined);
    return run;
  };
  const engine = new LocalWorkflowEngine({
    journal: new DynamoExecutionJournal(DynamoDBDocumentClient.from(peek, { marshallOptions }), table),
    clock,
    logger,
    onTransition: (workflow) => meter.transition(workflow),
    invokeStep: (step, payload) =>
      oneAtATime(() => meter.invocation(`step ${step}`, () => invokeStep(stepDeps, step, payload))),
  });
  // The API and the sweep call Step Functions, which runs the workflow elsewhere: here the calls
  // are held until the request or sweep is over and then made, so a request's measured time is not
  // the workflow steps it set off (those are timed as their own invocations).
  const held: Array<() => Promise<unknown>> = [];
  const deferred: WorkflowEngine = {
    start: async (workflow, name, input) => {
      held.push(() => engine.start(workflow, name, input));
      return { executionId: `arn:aws:states:local:000000000000:execution:${workflow}:${name}` };
    },
    sendTaskSuccess: async (token, output) => void held.push(() => engine.sendTaskSuccess(token, output)),
    sendTaskFailure: async (token, error, cause) =>
      void held.push(() => engine.sendTaskFailure(token, error, cause)),
    stop: async (executionId, cause) => void held.push(() => engine.stop(executionId, cause)),
  };
  const release = async () => {
    while (held.length > 0) for (const call of held.splice(0)) await call();
    await engine.whenIdle();
  };
  deps = {
    store,
    clock,
    engine: deferred,
    logger,
    mailer: new QueueingMailer({ store, clock, logger, transport: ses }),
    mailTransport: ses,
    config: {
      publicBaseUrl: "https://hr.example.ee",
      linkSigningKey: "cost-key-0123456789-0123456789-0123456789",
      linkTtlDays: 30,
      hrEmail: "hr@example.ee",
      reminderDaysBeforeDue: 3,
      requireSignInForContractEnd: false,
    },
  };
  const stepDeps: Deps = { ...deps, engine };
  const devAuth = await createDevAuth();
  const app = createApp({ ...deps, auth: devAuth.verifier(store) });

  /** One request to the API Lambda behind API Gateway; the workflows it resumes run after it, untimed. */
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    meter.usage.apiRequests++;
    const res = await meter.invocation("api", async () =>
      app.request(`https://hr.example.ee${path}`, { ...init, headers }),
    );
    const text = await res.text();
    await release();
    return { status: res.status, text };
  };
  const idleSweeps: Usage[] = [];
  const sum = (a: Usage, b: Usage) => usageDiff(a, scaled(b, -1));
  /** The runs of each day that the simulation does not make, at that day's measured idle cost. */
  let unsimulated = emptyUsage();
  let sweeps = 0;
  const sweepAt = async (instant: Date, idleSample = false) => {
    now = instant;
    const before = meter.snapshot();
    meter.usage.schedulerInvocations++;
    sweeps++;
    const report = await meter.invocation("scheduler", () => sweep(deps));
    await release();
    const did = Object.entries(report).some(([k, v]) => k !== "skipped" && typeof v === "number" && v > 0);
    // A run with nothing to do and nothing run by it since: what each of the year's idle runs costs.
    if (idleSample && !did) idleSweeps.push(usageDiff(meter.snapshot(), before));
  };

  // --- the organisation (imported before the year, uncounted) ----------------------------------

  const jdOf = (title: string, unitName: string): JobDescription => ({
    positionTitle: title,
    unitName,
    duties: [1, 2, 3, 4, 5].map((n) => ({
      code: `3.${n}`,
      text: `${title}: ülesanne ${n}`,
      details: [],
      expectedResults: [`Tulemus ${n} on saavutatud õigeaegselt`],
    })),
    rights: [],
    responsibilities: [],
    requirements: { languages: [] },
    competencies: [
      { name: "Koostöö", kind: "core", behaviours: ["Jagab infot õigel ajal"] },
      { name: "Kliendikesksus", kind: "core", behaviours: ["Lahendab kliendi mure esimesel korral"] },
    ],
  });
  const UNIT_SIZE = 10;
  const hires = Math.round(EMPLOYEES * TURNOVER);
  const units = Math.max(1, Math.ceil((EMPLOYEES - 2) / UNIT_SIZE));
  const people: Employee[] = [];
  const vacant: Array<{ positionId: string; unit: number }> = [];
  const person = (id: string, positionId: string, roles: Employee["roles"]): Employee => ({
    id,
    name: `Töötaja ${id}`,
    email: `${id}@example.ee`,
    locale: "et",
    positionId,
    startDate: `${YEAR - 3}-01-01`,
    regime: "TLS",
    probationExtensionWaived: false,
    roles,
  });
  await quiet.putUnit({ id: "org", name: "Amet" });
  await quiet.putPosition({ id: "dir", title: "Direktor", unitId: "org", substitutePositionIds: [] });
  await quiet.putPosition({
    id: "hr",
    title: "Personalijuht",
    unitId: "org",
    managerPositionId: "dir",
    substitutePositionIds: [],
  });
  people.push(person("dir", "dir", ["lead"]), person("hr", "hr", ["hr"]));
  for (let u = 0; u < units; u++) {
    const unitId = `u${u}`;
    await quiet.putUnit({ id: unitId, name: `Osakond ${u}`, parentUnitId: "org" });
    const lead = `u${u}-lead`;
    await quiet.putPosition({
      id: lead,
      title: "Juhataja",
      unitId,
      managerPositionId: "dir",
      substitutePositionIds: [`u${(u + 1) % units}-lead`].filter((p) => p !== lead),
    });
    await quiet.putJobDescription(lead, jdOf("Juhataja", `Osakond ${u}`));
    people.push(person(lead, lead, ["lead"]));
    const staff = Math.min(UNIT_SIZE - 1, EMPLOYEES - people.length - (units - u - 1) * UNIT_SIZE);
    const extra = Math.ceil(hires / units);
    for (let k = 0; k < Math.max(1, staff) + extra; k++) {
      const id = `u${u}-p${k}`;
      await quiet.putPosition({
        id,
        title: "Spetsialist",
        unitId,
        managerPositionId: lead,
        substitutePositionIds: [`u${u}-p${(k + 1) % Math.max(1, staff)}`].filter((p) => p !== id),
      });
      await quiet.putJobDescription(id, jdOf("Spetsialist", `Osakond ${u}`));
      if (k < staff) people.push(person(id, id, ["employee"]));
      else vacant.push({ positionId: id, unit: u });
    }
  }
  for (const p of people) await quiet.putEmployee(p);
  const tokenOf = async (p: Pick<Employee, "id" | "email" | "roles">) =>
    devAuth.issueToken({ employeeId: p.id, email: p.email, roles: p.roles }, "400d");
  const hrToken = await tokenOf(people[1]!);
  const leads = people.filter((p) => p.roles.includes("lead") && p.id !== "dir");

  // --- who does what, and when (deterministic per task or person) -----------------------------

  const roll = (key: string) => createHash("sha256").update(key).digest().readUInt32BE(0) / 2 ** 32;
  /** Days after a task opens that its holder answers, or never: most soon, some late, some never. */
  const answersAfter = (task: HumanTask): number | undefined => {
    const r = roll(`answer:${task.id}:${task.assigneeId}`);
    if (r < 0.75) return 1 + Math.floor(r * 10); // within about two weeks
    if (r < 0.9) return 20 + Math.floor((r - 0.75) * 200); // late: after reminders, maybe escalated
    return undefined; // never: the task lapses and the workflow goes on
  };
  const today = () => tallinnDate(now);
  const fieldValue = (field: { name: string; type: string; options?: Array<{ value: string }> }) => {
    if (field.type === "choice") return field.options?.[0]?.value ?? "";
    if (field.type === "date") return field.name === "heldOn" ? today() : addDays(today(), 3);
    if (/time/i.test(field.name)) return "10:00";
    return "Tehtud.";
  };
  const failures = new Map<string, number>();
  let completed = 0;
  /** The holder opens the link from their mail and submits the form: two requests. */
  const answer = async (task: HumanTask) => {
    const link = task.links.find((l) => l.id === task.linkId) ?? task.links.at(-1)!;
    const path = new URL(linkUrl(deps, task, link)).pathname;
    const page = await api(path);
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)?.[1];
    if (page.status !== 200 || !nonce) return;
    const form = task.form ?? formFor(task.kind);
    const fields: Record<string, string> = { nonce };
    for (const field of form?.fields ?? []) if (field.required) fields[field.name] = fieldValue(field);
    const res = await api(path, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://hr.example.ee" },
    });
    if (res.status === 200) completed++;
    else {
      const key = `${task.kind} ${res.status}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
      if (verbose && failures.get(key) === 1) console.log(key, res.text.slice(0, 2000));
    }
  };

  // --- the year ---------------------------------------------------------------------------------

  const hireDays = Array.from({ length: hires }, (_, i) =>
    addDays(`${YEAR}-01-12`, Math.floor((i * 280) / Math.max(1, hires))),
  );
  const cycles = [
    { type: "annual", opensOn: `${YEAR}-02-02`, deadline: `${YEAR}-03-31`, closeOn: `${YEAR}-04-08` },
    { type: "midterm", opensOn: `${YEAR}-09-01`, deadline: `${YEAR}-09-30`, closeOn: `${YEAR}-10-08` },
  ];
  const cycleIds = new Map<string, string>();
  let employeeDays = people.length * 365;
  const started = performance.now();
  const yearStart = meter.snapshot();
  for (let day = 0; day < 365; day++) {
    const date = addDays(`${YEAR}-01-01`, day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const workday = weekday !== 0 && weekday !== 6;
    const sweepsBefore = sweeps;
    await sweepAt(new Date(`${date}T05:00:00Z`));

    if (workday) {
      now = new Date(`${date}T07:00:00Z`);
      // HR registers the day's hires (start today) and starts and closes cycles.
      for (const [i, d] of hireDays.entries()) {
        if (d !== date) continue;
        const slot = vacant[i % vacant.length]!;
        const res = await api("/api/hires", {
          method: "POST",
          token: hrToken,
          body: JSON.stringify({
            name: `Uus töötaja ${i}`,
            email: `hire-${i}@example.ee`,
            positionId: slot.positionId,
            startDate: date,
            regime: i % 3 === 0 ? "ATS" : "TLS",
          }),
        });
        if (res.status !== 201) throw new Error(`hire ${i}: ${res.status} ${res.text}`);
        employeeDays += 365 - day;
      }
      for (const c of cycles) {
        if (c.opensOn === date) {
          const res = await api("/api/cycles", {
            method: "POST",
            token: hrToken,
            body: JSON.stringify({
              type: c.type,
              title: { et: `Vestlused ${c.type}`, en: `Conversations ${c.type}` },
              scope: { kind: "organisation" },
              opensOn: c.opensOn,
              deadline: c.deadline,
            }),
          });
          if (res.status !== 201) throw new Error(`cycle: ${res.status} ${res.text}`);
          const id = (JSON.parse(res.text) as { id: string }).id;
          cycleIds.set(c.type, id);
          const launch = await api(`/api/cycles/${id}/launch`, { method: "POST", token: hrToken });
          if (launch.status !== 200) throw new Error(`launch: ${launch.status} ${launch.text}`);
        }
        if (c.closeOn === date) {
          const res = await api(`/api/cycles/${cycleIds.get(c.type)}/close`, {
            method: "POST",
            token: hrToken,
          });
          if (res.status !== 200) throw new Error(`close: ${res.status} ${res.text}`);
        }
        // HR looks at the cycle's status once a week while it runs.
        const id = cycleIds.get(c.type);
        if (id && weekday === 1 && date > c.opensOn && date <= c.closeOn)
          await api(`/api/cycles/${id}/status`, { token: hrToken });
      }
      // Absences, recorded by HR a week ahead: everyone's two summer weeks; a fifth of the leads
      // away for a week in each cycle's window (their tasks move to the substitute), and a tenth
      // delegate their tasks to a colleague for a week instead.
      for (const [i, p] of people.entries()) {
        if (date === `${YEAR}-06-15` && p.id !== "hr")
          await api(`/api/employees/${p.id}/absences`, {
            method: "POST",
            token: hrToken,
            body: JSON.stringify({
              type: "annual_leave",
              from: addDays(`${YEAR}-06-29`, (i % 6) * 7),
              to: addDays(`${YEAR}-07-10`, (i % 6) * 7),
            }),
          });
      }
      for (const [i, lead] of leads.entries()) {
        for (const c of cycles) {
          const from = addDays(c.opensOn, 7 + (i % 3) * 7);
          if (addDays(from, -7) !== date) continue;
          if (roll(`away:${c.type}:${lead.id}`) < 0.2)
            await api(`/api/employees/${lead.id}/absences`, {
              method: "POST",
              token: hrToken,
              body: JSON.stringify({ type: "training", from, to: addDays(from, 4) }),
            });
          else if (roll(`delegate:${c.type}:${lead.id}`) < 0.1) {
            const to = leads[(i + 1) % leads.length]!;
            if (to.id !== lead.id)
              await api("/api/delegations", {
                method: "POST",
                token: await tokenOf(lead),
                body: JSON.stringify({
                  fromEmployeeId: lead.id,
                  toEmployeeId: to.id,
                  from,
                  to: addDays(from, 4),
                }),
              });
          }
        }
      }
      // People answer the tasks whose day has come.
      now = new Date(`${date}T08:00:00Z`);
      for (const task of await quiet.listOpenTasksDueBy(`${YEAR + 1}-12-31`)) {
        const after = answersAfter(task);
        if (after === undefined) continue;
        if (addDays(task.createdAt.slice(0, 10), after) <= date) await answer(task);
      }
    }
    await sweepAt(new Date(`${date}T14:00:00Z`));
    // A run with nothing to do, measured every day: it stands for the day's other runs.
    await sweepAt(new Date(`${date}T14:05:00Z`), true);
    const sample = idleSweeps.at(-1);
    if (sample) unsimulated = sum(unsimulated, scaled(sample, SWEEPS_PER_DAY - (sweeps - sweepsBefore)));
    if (verbose && day % 30 === 29)
      console.log(
        `  ${date}: ${((performance.now() - started) / 1000).toFixed(0)} s, ${meter.usage.stateTransitions} transitions, ${meter.usage.mails} mails`,
      );
  }
  await engine.whenIdle();
  const year = usageDiff(meter.snapshot(), yearStart);
  const employeeYears = employeeDays / 365;

  // --- the figures --------------------------------------------------------------------------------

  if (idleSweeps.length === 0) throw new Error("no idle sweep was measured");
  // The cheapest idle run (no open task near its due date) is what a sweep costs whatever the
  // headcount: fixed. What idle runs cost above it grows with the open tasks, so with headcount:
  // variable, like everything else the simulated year did.
  const total = (u: Usage) => Object.values(priced(u)).reduce((a, b) => a + b, 0);
  const idle = idleSweeps.reduce((a, b) => (total(b) < total(a) ? b : a));
  const fixed = scaled(idle, SWEEPS_PER_YEAR);
  const variable = scaled(usageDiff(sum(year, unsimulated), fixed), 1 / employeeYears);
  const lines: string[] = [];
  const fmt = (usd: number) => `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
  let atTarget = 0;
  let dominantAtTarget = "";
  for (const size of REPORT_SIZES) {
    const perEmployee = usageDiff(variable, scaled(fixed, -1 / size));
    const cost = priced(perEmployee);
    const total = Object.values(cost).reduce((a, b) => a + b, 0);
    const shares = (Object.entries(cost) as Array<[Item, number]>)
      .sort((a, b) => b[1] - a[1])
      .map(([item, usd]) => `${item} ${Math.round((100 * usd) / total)} %`);
    lines.push(
      `AWS cost at ${size.toLocaleString("en")} employees: ${fmt(total)} per employee-year (${shares.join(", ")})`,
    );
    if (size === 10_000) {
      atTarget = total;
      dominantAtTarget = shares[0]!;
    }
  }
  const fixedCost = priced(fixed);
  const fixedTotal = Object.values(fixedCost).reduce((a, b) => a + b, 0);
  const q = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3));
  const lambda = Object.values(variable.lambda);
  const perFn = Object.entries(variable.lambda)
    .sort((a, b) => b[1].billedMs - a[1].billedMs)
    .slice(0, 6)
    .map(([fn, l]) => `${fn} ${q(l.invocations)} invocations, ${q(l.billedMs)} ms`);

  console.log(
    `Simulated ${YEAR}: ${people.length} employees at the start, ${hires} hires (${employeeYears.toFixed(1)} employee-years), ` +
      `an annual and a mid-term cycle, ${completed} tasks answered by link, ${sweeps} sweeps; ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  if (failures.size > 0)
    console.log(`  link answers refused: ${[...failures].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  console.log(`Prices: ${priceFile.region}, ${priceFile.note}`);
  console.log(
    `Lambda: ${lambdaMemoryMb()} MB arm64 (infra/house-function.ts), billed per 1 ms of measured wall time.`,
  );
  console.log("");
  for (const line of lines) console.log(line);
  console.log("");
  console.log("Counted per employee-year (variable part):");
  console.log(
    [
      ["state transitions", variable.stateTransitions],
      ["Lambda invocations", lambda.reduce((n, l) => n + l.invocations, 0)],
      ["Lambda GB-seconds", (lambda.reduce((n, l) => n + l.billedMs, 0) / 1000) * MEMORY_GB],
      ["DynamoDB read units", variable.readUnits],
      ["DynamoDB write units", variable.writeUnits],
      ["DynamoDB requests", variable.dynamoRequests],
      ["mails (SES)", variable.mails],
      ["API requests", variable.apiRequests],
    ]
      .map(([name, n]) => `  ${String(name).padEnd(22)} ${q(Number(n)).padStart(10)}`)
      .join("\n"),
  );
  console.log(`  Lambda by function: ${perFn.join("; ")}`);
  const top = (prefix: string, n: number) =>
    [...meter.details]
      .filter(([k]) => k.startsWith(prefix))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${k.slice(prefix.length)} ${q(v / employeeYears)}`)
      .join("; ");
  console.log(`  write units by operation and record (whole run incl. sweeps): ${top("write units: ", 8)}`);
  console.log(`  read units by operation and record: ${top("read units: ", 6)}`);
  console.log(`  state transitions by workflow: ${top("transitions ", 5)}`);
  const notices = [...mailKinds]
    .filter(([k]) => /^(reminder|escalation):/.test(k))
    .reduce((n, [, v]) => n + v, 0);
  console.log(
    `  reminder and escalation mails to someone who had one that day already: ${q(sameDayNotices / employeeYears)} of ${q(notices / employeeYears)}`,
  );
  console.log(
    `  mails by kind: ${[...mailKinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${q(v / employeeYears)}`)
      .join("; ")}`,
  );
  console.log(
    `Fixed per year, whatever the headcount: ${SWEEPS_PER_YEAR.toLocaleString("en")} sweeps (every ${sweepMinutes()} min) at the cheapest idle run's cost ` +
      `(${q(idle.readUnits)} read units, ${q(Object.values(idle.lambda).reduce((n, l) => n + l.billedMs, 0))} ms): ${fmt(fixedTotal)} a year. ` +
      `Each day's other ${SWEEPS_PER_DAY - 3} runs are charged at that day's measured idle run (${idleSweeps.length} measured, ` +
      `${q(Math.min(...idleSweeps.map((u) => u.readUnits)))} to ${q(Math.max(...idleSweeps.map((u) => u.readUnits)))} read units); ` +
      `their cost above the cheapest is in the variable part: ${fmt(total(scaled(usageDiff(unsimulated, scaled(idle, SWEEPS_PER_YEAR - sweeps)), 1 / employeeYears)))} per employee-year.`,
  );
  const met = atTarget < TARGET;
  console.log(
    `Dominant item at 10,000 employees: ${dominantAtTarget}. Target (< $${TARGET} per employee-year at 10,000): ` +
      (met
        ? "met."
        : `missed by ${fmt(atTarget - TARGET)} (${((atTarget / TARGET - 1) * 100).toFixed(0)} % over).`),
  );
  finished = true;
} finally {
  await db.stop();
  if (!finished) process.exitCode = 1;
}

// The Store port on one DynamoDB table, modelled as named access patterns. Each item keeps the
// domain object under `data` and the key attributes beside it; objects are re-parsed on the way out.
//
// | entity            | pk                    | sk                 | gsi1 (pk / sk)                   | gsi2 (pk / sk)                         |
// |-------------------|-----------------------|--------------------|----------------------------------|----------------------------------------|
// | unit              | UNIT#id               | UNIT               | TYPE#unit / id                   |                                        |
// | position          | POS#id                | POS                | TYPE#position / id               |                                        |
// | job description   | POS#positionId        | JD                 |                                  |                                        |
// | employee          | EMP#id                | EMP                | TYPE#employee / id               | POSHOLDERS#positionId / id             |
// | email uniqueness  | EMAIL#lower(email)    | EMAIL              |                                  |                                        |
// | absence           | EMP#employeeId        | ABS#from#id        |                                  | ABSENCES / to#employeeId#id            |
// | absence set guard | EMP#employeeId        | ABSSET             |                                  |                                        |
// | delegation        | EMP#fromEmployeeId    | DELEG#id           |                                  |                                        |
// | case              | CASE#id               | CASE               | SUBJCASE#subjectId / created#id  | UNSTARTED / created#id (no execution), |
// |                   |                       |                    |                                  | or ACTIVE#workflow / id (running)      |
// | case group member | GROUP#groupId         | CASE#id            |                                  |                                        |
// | review cycle      | CYCLE#id              | CYCLE              | TYPE#cycle / id                  |                                        |
// | training          | TRAINING#id           | TRAINING           | TYPE#training / id               | FOLLOWUPDUE / dueOn#id (unscheduled)   |
// | task              | TASK#id               | TASK               | ASSIGNEE#id / status#due#id      | OPENTASKS / due#id, or PENDINGCB       |
// | task pointers     | CASE#id, EMP#subject  | TASK#id            |                                  |                                        |
// | timer             | TIMER#id              | TIMER              |                                  | WAITINGTIMERS / dueAt#id, or PENDINGCB |
// | timer pointer     | CASE#id               | TIMER#id           |                                  |                                        |
// | task token        | TOKEN#hash            | TOKEN              |                                  |                                        |
// | audit record      | AUDIT#type#id         | at#random          |                                  |                                        |
// | access-log record | ACCESSLOG#yyyy-mm     | at#random          |                                  |                                        |
// | setting           | SETTING#key           | SETTING            |                                  |                                        |
// | queued mail       | MAIL#id               | MAIL               |                                  | MAILDUE / nextAttemptAt#id (pending)   |
// | reassign trigger  | REASSIGN              | date#ref           |                                  |                                        |
// | lease             | LEASE#name            | LEASE              |                                  |                                        |
import { randomBytes } from "node:crypto";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { AccessRecord, accessMonthOf } from "../../core/access-log";
import { addDays } from "../../core/calendar";
import {
  Absence,
  AuditRecord,
  Case,
  Delegation,
  Employee,
  HumanTask,
  JobDescription,
  Position,
  QueuedMail,
  Timer,
  Unit,
} from "../../core/model";
import {
  ConditionFailed,
  type Effects,
  type NewHire,
  type ReassignTrigger,
  type Store,
  type WriteMode,
} from "../../core/ports";
import { Cycle } from "../../core/reviews/cycle-record";
import { firstUnscheduledFollowUp, TrainingRecord } from "../../core/trainings/record";

type Item = Record<string, unknown> & { pk: string; sk: string };
type Schema<T> = { parse(data: unknown): T };

const isCancelled = (error: unknown) => (error as Error).name === "TransactionCanceledException";
const isConditionFailed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

/**
 * DynamoDB refuses keys over 2,048 bytes (partition) or 1,024 bytes (sort) with an error; no
 * record can live under such a key, so a read of one finds nothing rather than failing.
 */
const storableKey = (pk: string, sk = "") =>
  Buffer.byteLength(pk, "utf8") <= 2048 && Buffer.byteLength(sk, "utf8") <= 1024;

/**
 * What a lost employee transaction means: the e-mail claim (always the second item) failed, or the
 * employee record's own condition did. Anything else is rethrown as it is.
 */
function employeeWriteLost(error: unknown, otherwise: string, id: string): Error {
  if (!isCancelled(error)) return error as Error;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  if (reasons[1]?.Code === "ConditionalCheckFailed")
    return new ConditionFailed("email already belongs to another employee");
  return new ConditionFailed(`employee ${id} ${otherwise}`);
}

/** An absence changes who acts on its first day and on the day after its last. */
const absenceTriggers = (a: Absence): ReassignTrigger[] => [
  { on: a.from, ref: `${a.id}-start` },
  ...(a.to ? [{ on: addDays(a.to, 1), ref: `${a.id}-end` }] : []),
];

/** The condition that makes a put a create (the key must be new) or a replace (it must exist). */
const modeCondition = (mode: WriteMode) =>
  mode === "create"
    ? { ConditionExpression: "attribute_not_exists(pk)" }
    : mode === "replace"
      ? { ConditionExpression: "attribute_exists(pk)" }
      : {};

function taskItem(task: HumanTask): Item {
  const gsi2 =
    task.status === "open"
      ? { gsi2pk: "OPENTASKS", gsi2sk: `${task.dueDate}#${task.id}` }
      : task.callback.status === "pending"
        ? { gsi2pk: "PENDINGCB", gsi2sk: `task#${task.id}` }
        : {};
  return {
    pk: `TASK#${task.id}`,
    sk: "TASK",
    gsi1pk: `ASSIGNEE#${task.assigneeId}`,
    gsi1sk: `${task.status}#${task.dueDate}#${task.id}`,
    ...gsi2,
    version: task.version,
    data: task,
  };
}

function timerItem(timer: Timer): Item {
  const gsi2 =
    timer.status === "waiting"
      ? { gsi2pk: "WAITINGTIMERS", gsi2sk: `${timer.dueAt}#${timer.id}` }
      : timer.callback.status === "pending"
        ? { gsi2pk: "PENDINGCB", gsi2sk: `timer#${timer.id}` }
        : {};
  return { pk: `TIMER#${timer.id}`, sk: "TIMER", ...gsi2, data: timer };
}

export class DynamoStore implements Store {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  // --- plumbing ---------------------------------------------------------------------------

  private async get<T>(pk: string, sk: string, schema: Schema<T>): Promise<T | undefined> {
    if (!storableKey(pk, sk)) return undefined;
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true }),
    );
    return out.Item ? schema.parse(out.Item.data) : undefined;
  }

  /** A put that, in create or replace mode, throws ConditionFailed when the key's existence is wrong. */
  private async put(item: Item, mode: WriteMode = "upsert", what = item.pk): Promise<void> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ...modeCondition(mode) }));
    } catch (error) {
      if (isConditionFailed(error))
        throw new ConditionFailed(mode === "create" ? `${what} exists already` : `${what} does not exist`);
      throw error;
    }
  }

  private async delete(pk: string, sk: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: this.table, Key: { pk, sk } } }] }),
    );
  }

  private async query(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
    const values = Object.values(input.ExpressionAttributeValues ?? {});
    if (values.some((v) => typeof v === "string" && !storableKey(v))) return [];
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async queryData<T>(input: Omit<QueryCommandInput, "TableName">, schema: Schema<T>): Promise<T[]> {
    return (await this.query(input)).map((item) => schema.parse(item.data));
  }

  private byIndex(index: "gsi1" | "gsi2", pk: string, skPrefix?: string) {
    return {
      IndexName: index,
      KeyConditionExpression: skPrefix
        ? `${index}pk = :pk AND begins_with(${index}sk, :sk)`
        : `${index}pk = :pk`,
      ExpressionAttributeValues: skPrefix ? { ":pk": pk, ":sk": skPrefix } : { ":pk": pk },
    };
  }

  /**
   * A set of records under one partition (sort keys `<prefix>#...`) guarded by one version item
   * (sort key `<prefix>SET`), read in one consistent query. Writers bump the guard with
   * `guardPut` in the same transaction, so a check over the whole set cannot race another write.
   */
  private async guardedSet<T>(pk: string, prefix: string, schema: Schema<T>) {
    const items = await this.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
      ExpressionAttributeValues: { ":pk": pk, ":sk": prefix },
      ConsistentRead: true,
    });
    const guard = items.find((item) => item.sk === `${prefix}SET`);
    return {
      items: items.filter((item) => item.sk.startsWith(`${prefix}#`)).map((item) => schema.parse(item.data)),
      version: Number(guard?.version ?? 0),
    };
  }

  private guardPut(pk: string, sk: string, expectedVersion: number) {
    return {
      Put: {
        TableName: this.table,
        Item: { pk, sk, version: expectedVersion + 1 },
        ConditionExpression: expectedVersion === 0 ? "attribute_not_exists(pk)" : "version = :v",
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ":v": expectedVersion } }),
      },
    };
  }

  private async batchGet<T>(keys: Array<{ pk: string; sk: string }>, schema: Schema<T>): Promise<T[]> {
    const found: T[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let request:
        | Record<string, { Keys: Array<Record<string, unknown>>; ConsistentRead: boolean }>
        | undefined = {
        [this.table]: { Keys: keys.slice(i, i + 100), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const out = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[this.table] ?? []) found.push(schema.parse(item.data));
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  // --- organisation -----------------------------------------------------------------------

  putUnit = (unit: Unit, mode: WriteMode = "upsert") =>
    this.put(
      { pk: `UNIT#${unit.id}`, sk: "UNIT", gsi1pk: "TYPE#unit", gsi1sk: unit.id, data: Unit.parse(unit) },
      mode,
      `unit ${unit.id}`,
    );
  getUnit = (id: string) => this.get(`UNIT#${id}`, "UNIT", Unit);
  listUnits = () => this.queryData(this.byIndex("gsi1", "TYPE#unit"), Unit);
  deleteUnit = (id: string) => this.delete(`UNIT#${id}`, "UNIT");

  putPosition = (p: Position, mode: WriteMode = "upsert") =>
    this.put(
      { pk: `POS#${p.id}`, sk: "POS", gsi1pk: "TYPE#position", gsi1sk: p.id, data: Position.parse(p) },
      mode,
      `position ${p.id}`,
    );
  getPosition = (id: string) => this.get(`POS#${id}`, "POS", Position);
  listPositions = () => this.queryData(this.byIndex("gsi1", "TYPE#position"), Position);
  deletePosition = (id: string) => this.delete(`POS#${id}`, "POS");

  putJobDescription = (positionId: string, jd: JobDescription) =>
    this.put({ pk: `POS#${positionId}`, sk: "JD", data: JobDescription.parse(jd) });
  getJobDescription = (positionId: string) => this.get(`POS#${positionId}`, "JD", JobDescription);

  private employeeItem(data: Employee, version: number): Item {
    return {
      pk: `EMP#${data.id}`,
      sk: "EMP",
      gsi1pk: "TYPE#employee",
      gsi1sk: data.id,
      ...(data.positionId ? { gsi2pk: `POSHOLDERS#${data.positionId}`, gsi2sk: data.id } : {}),
      version,
      data,
    };
  }

  /** Claims an address for one employee: the claim fails if somebody else holds it. */
  private emailClaim(email: string, employeeId: string) {
    return {
      Put: {
        TableName: this.table,
        Item: { pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL", employeeId },
        ConditionExpression: "attribute_not_exists(pk) OR employeeId = :id",
        ExpressionAttributeValues: { ":id": employeeId },
      },
    };
  }

  /**
   * Writes the employee and claims its email in one transaction, so two people cannot share one
   * and a refused write reserves nothing. Create: the id must be new. Otherwise the write holds
   * only if nobody changed the record since it was read here (version condition).
   */
  async putEmployee(employee: Employee, mode: WriteMode = "upsert"): Promise<void> {
    const data = Employee.parse(employee);
    const previous =
      mode === "create"
        ? undefined
        : await this.db.send(
            new GetCommand({
              TableName: this.table,
              Key: { pk: `EMP#${data.id}`, sk: "EMP" },
              ConsistentRead: true,
            }),
          );
    const before = previous?.Item;
    if (mode === "replace" && !before) throw new ConditionFailed(`employee ${data.id} does not exist`);
    const version = Number(before?.version ?? 0);
    const email = data.email.toLowerCase();
    const oldEmail = before ? Employee.parse(before.data).email.toLowerCase() : undefined;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: this.employeeItem(data, version + 1),
                ...(before
                  ? {
                      ConditionExpression:
                        before.version === undefined ? "attribute_not_exists(version)" : "version = :v",
                      ...(before.version === undefined
                        ? {}
                        : { ExpressionAttributeValues: { ":v": version } }),
                    }
                  : { ConditionExpression: "attribute_not_exists(pk)" }),
              },
            },
            this.emailClaim(email, data.id),
            ...(oldEmail && oldEmail !== email
              ? [{ Delete: { TableName: this.table, Key: { pk: `EMAIL#${oldEmail}`, sk: "EMAIL" } } }]
              : []),
          ],
        }),
      );
    } catch (error) {
      throw employeeWriteLost(
        error,
        before || mode !== "create" ? "changed meanwhile" : "exists already",
        data.id,
      );
    }
  }

  /**
   * A hire in one transaction: the employee, its email claim, its probation and their audit
   * records. A crash leaves all of it or none; the probation carries the "not started" marker
   * until its workflow execution is linked, so the sweep can start what a crash left unstarted.
   */
  async createHire(hire: NewHire): Promise<void> {
    const employee = Employee.parse(hire.employee);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: this.employeeItem(employee, 1),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            this.emailClaim(employee.email, employee.id),
            {
              Put: {
                TableName: this.table,
                Item: this.caseItem(hire.case),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            ...hire.audits.map((record) => ({
              Put: { TableName: this.table, Item: this.auditItem(record) },
            })),
          ],
        }),
      );
    } catch (error) {
      throw employeeWriteLost(error, "exists already", employee.id);
    }
  }

  getEmployee = (id: string) => this.get(`EMP#${id}`, "EMP", Employee);

  async findEmployeeByEmail(email: string): Promise<Employee | undefined> {
    if (!storableKey(`EMAIL#${email.toLowerCase()}`)) return undefined;
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL" },
        ConsistentRead: true,
      }),
    );
    return out.Item ? this.getEmployee(out.Item.employeeId as string) : undefined;
  }

  listEmployees = () => this.queryData(this.byIndex("gsi1", "TYPE#employee"), Employee);
  listEmployeesInPosition = (positionId: string) =>
    this.queryData(this.byIndex("gsi2", `POSHOLDERS#${positionId}`), Employee);

  async deleteEmployee(id: string): Promise<void> {
    const employee = await this.getEmployee(id);
    if (!employee) return;
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: { pk: `EMP#${id}`, sk: "EMP" } } },
          {
            Delete: {
              TableName: this.table,
              Key: { pk: `EMAIL#${employee.email.toLowerCase()}`, sk: "EMAIL" },
            },
          },
        ],
      }),
    );
  }

  private absenceItem = (a: Absence): Item => ({
    pk: `EMP#${a.employeeId}`,
    sk: `ABS#${a.from}#${a.id}`,
    // By end date: a review cycle reads everyone's absences of its window with one query.
    gsi2pk: "ABSENCES",
    // An open-ended absence (no end yet) sorts after every date: it reaches into every window.
    gsi2sk: `${a.to ?? "9999-12-31"}#${a.employeeId}#${a.id}`,
    data: Absence.parse(a),
  });

  listAbsencesEndingFrom = (date: string) =>
    this.queryData(
      {
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk >= :from",
        ExpressionAttributeValues: { ":pk": "ABSENCES", ":from": date },
      },
      Absence,
    );

  putAbsence = (a: Absence) => this.put(this.absenceItem(a));
  listAbsences = (employeeId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": `EMP#${employeeId}`, ":sk": "ABS#" },
      },
      Absence,
    );

  /** One query: the absences and the version of the set (its guard item, sk ABSSET). */
  /** One query: a person's absences and the version of the set (its guard item, sk ABSSET). */
  async absenceSet(employeeId: string) {
    const { items, version } = await this.guardedSet(`EMP#${employeeId}`, "ABS", Absence);
    return { absences: items, version };
  }

  /**
   * Changes one person's absences as a whole: the write holds only if the set's version is still
   * `expectedVersion`, so two overlapping absences written at once cannot both pass the overlap check.
   */
  async changeAbsences(
    employeeId: string,
    expectedVersion: number,
    change: { put?: Absence[]; delete?: Absence[]; audits?: AuditRecord[] },
  ): Promise<void> {
    const puts = change.put ?? [];
    const deletes = (change.delete ?? []).filter(
      (d) => !puts.some((p) => p.id === d.id && p.from === d.from),
    );
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            this.guardPut(`EMP#${employeeId}`, "ABSSET", expectedVersion),
            ...deletes.map((a) => ({
              Delete: {
                TableName: this.table,
                Key: { pk: `EMP#${a.employeeId}`, sk: `ABS#${a.from}#${a.id}` },
              },
            })),
            ...puts.map((a) => ({ Put: { TableName: this.table, Item: this.absenceItem(a) } })),
            ...puts
              .flatMap((a) => absenceTriggers(a))
              .map((t) => ({ Put: { TableName: this.table, Item: this.triggerItem(t) } })),
            ...(change.audits ?? []).map((record) => ({
              Put: { TableName: this.table, Item: this.auditItem(record) },
            })),
          ],
        }),
      );
    } catch (error) {
      if (isCancelled(error)) throw new ConditionFailed(`absences of ${employeeId} changed meanwhile`);
      throw error;
    }
  }

  deleteAbsence = (a: Absence) => this.delete(`EMP#${a.employeeId}`, `ABS#${a.from}#${a.id}`);

  listDelegations = (fromEmployeeId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": `EMP#${fromEmployeeId}`, ":sk": "DELEG#" },
      },
      Delegation,
    );
  deleteDelegation = (d: Delegation) => this.delete(`EMP#${d.fromEmployeeId}`, `DELEG#${d.id}`);

  async delegationSet(fromEmployeeId: string) {
    const { items, version } = await this.guardedSet(`EMP#${fromEmployeeId}`, "DELEG", Delegation);
    return { delegations: items, version };
  }

  async addDelegation(d: Delegation, expectedVersion: number): Promise<void> {
    const data = Delegation.parse(d);
    const triggers: ReassignTrigger[] = [
      { on: data.from, ref: `${data.id}-start` },
      { on: addDays(data.to, 1), ref: `${data.id}-end` },
    ];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            this.guardPut(`EMP#${data.fromEmployeeId}`, "DELEGSET", expectedVersion),
            {
              Put: {
                TableName: this.table,
                Item: { pk: `EMP#${data.fromEmployeeId}`, sk: `DELEG#${data.id}`, data },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            ...triggers.map((t) => ({ Put: { TableName: this.table, Item: this.triggerItem(t) } })),
          ],
        }),
      );
    } catch (error) {
      if (isCancelled(error))
        throw new ConditionFailed(`delegations of ${data.fromEmployeeId} changed meanwhile`);
      throw error;
    }
  }

  // --- cases ------------------------------------------------------------------------------

  private caseItem(c: Case): Item {
    return {
      pk: `CASE#${c.id}`,
      sk: "CASE",
      gsi1pk: `SUBJCASE#${c.subjectId}`,
      gsi1sk: `${c.createdAt}#${c.id}`,
      // Until its execution is linked: so the sweep finds, with one query, what a crash left unstarted.
      ...(c.status === "active" && !c.executionId
        ? { gsi2pk: "UNSTARTED", gsi2sk: `${c.createdAt}#${c.id}` }
        : c.status === "active"
          ? { gsi2pk: `ACTIVE#${c.workflow}`, gsi2sk: c.id }
          : {}),
      data: Case.parse(c),
    };
  }

  /** Sets only the execution id (and drops the "not started" marker): no other field can be clobbered. */
  async linkExecution(
    caseId: string,
    executionId: string,
    at: string,
    workflow: Case["workflow"],
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `CASE#${caseId}`, sk: "CASE" },
          // The version moves too, so a writer holding an older copy cannot drop the execution id.
          UpdateExpression:
            "SET #data.executionId = :e, #data.updatedAt = :at, gsi2pk = :active, gsi2sk = :id ADD #data.version :one",
          // Only a case still active becomes findable as running; a closed one stays off the index.
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#data": "data" },
          ExpressionAttributeValues: {
            ":e": executionId,
            ":at": at,
            ":one": 1,
            ":active": `ACTIVE#${workflow}`,
            ":id": caseId,
          },
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new ConditionFailed(`case ${caseId} does not exist`);
      throw error;
    }
  }

  listActiveCases = (workflow: Case["workflow"]) =>
    this.queryData(this.byIndex("gsi2", `ACTIVE#${workflow}`), Case);

  listUnstartedCases = (createdBefore: string) =>
    this.queryData(
      {
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk < :before",
        ExpressionAttributeValues: { ":pk": "UNSTARTED", ":before": createdBefore },
      },
      Case,
    );

  async createCase(c: Case): Promise<Case> {
    const put = {
      TableName: this.table,
      Item: this.caseItem(c),
      ConditionExpression: "attribute_not_exists(pk)",
    };
    try {
      if (c.groupId) {
        // The group's pointer lands with the case: a cycle lists exactly the reviews it created.
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              { Put: { TableName: this.table, Item: { pk: `GROUP#${c.groupId}`, sk: `CASE#${c.id}` } } },
            ],
          }),
        );
      } else {
        await this.db.send(new PutCommand(put));
      }
      return c;
    } catch (error) {
      if (!isConditionFailed(error) && !isCancelled(error)) throw error;
      const existing = await this.getCase(c.id);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * A launch's bulk write: batches of 12 cases with their group pointers (25 items a request),
   * retrying what DynamoDB leaves unprocessed. Unconditional, hence only for ids the caller knows
   * to be new and writes alone (see the port).
   */
  async createCases(cases: readonly Case[]): Promise<number> {
    for (let i = 0; i < cases.length; i += 12) {
      const chunk = cases.slice(i, i + 12);
      let pending: Record<string, unknown>[] = chunk.flatMap((c) => [
        { PutRequest: { Item: this.caseItem(c) } },
        ...(c.groupId ? [{ PutRequest: { Item: { pk: `GROUP#${c.groupId}`, sk: `CASE#${c.id}` } } }] : []),
      ]);
      for (let attempt = 1; pending.length > 0; attempt++) {
        const out = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }),
        );
        pending = (out.UnprocessedItems?.[this.table] ?? []) as Record<string, unknown>[];
        // Unprocessed items mean the table is at its limit: back off before the next try.
        if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      }
    }
    return cases.length;
  }

  async listCaseIdsInGroup(groupId: string): Promise<string[]> {
    const pointers = await this.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
      ExpressionAttributeValues: { ":pk": `GROUP#${groupId}`, ":sk": "CASE#" },
      ProjectionExpression: "sk",
    });
    return pointers.map((p) => (p.sk as string).slice(5));
  }

  async listCasesInGroup(groupId: string): Promise<Case[]> {
    const pointers = await this.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
      ExpressionAttributeValues: { ":pk": `GROUP#${groupId}`, ":sk": "CASE#" },
    });
    const keys = pointers.map((p) => ({ pk: `CASE#${(p.sk as string).slice(5)}`, sk: "CASE" }));
    const cases: Case[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
      while (pending && pending.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending } } }),
        );
        cases.push(...(out.Responses?.[this.table] ?? []).map((item) => Case.parse(item.data)));
        pending = out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return cases.sort((a, b) => a.id.localeCompare(b.id));
  }

  getCase = (id: string) => this.get(`CASE#${id}`, "CASE", Case);

  async updateCase(c: Case, effects?: Effects): Promise<Case> {
    const expected = c.version ?? 0;
    const next = { ...c, version: expected + 1 };
    await this.conditionalPut(
      {
        Item: this.caseItem(next),
        ConditionExpression:
          expected === 0
            ? "attribute_exists(pk) AND attribute_not_exists(#data.version)"
            : "#data.version = :v",
        ExpressionAttributeNames: { "#data": "data" },
        ...(expected === 0 ? {} : { ExpressionAttributeValues: { ":v": expected } }),
      },
      effects,
      `case ${c.id} changed meanwhile`,
    );
    return next;
  }

  async listCases(subjectId: string, workflow?: Case["workflow"]): Promise<Case[]> {
    const all = await this.queryData(this.byIndex("gsi1", `SUBJCASE#${subjectId}`), Case);
    return workflow ? all.filter((c) => c.workflow === workflow) : all;
  }

  // --- review cycles --------------------------------------------------------------------

  private cycleItem = (c: Cycle): Item => ({
    pk: `CYCLE#${c.id}`,
    sk: "CYCLE",
    gsi1pk: "TYPE#cycle",
    gsi1sk: c.id,
    version: c.version,
    data: Cycle.parse(c),
  });

  createCycle = (c: Cycle) => this.put(this.cycleItem(c), "create", `cycle ${c.id}`);
  getCycle = (id: string) => this.get(`CYCLE#${id}`, "CYCLE", Cycle);
  listCycles = () => this.queryData(this.byIndex("gsi1", "TYPE#cycle"), Cycle);

  async updateCycle(c: Cycle, expectedVersion: number): Promise<void> {
    await this.conditionalPut(
      {
        Item: this.cycleItem(c),
        ConditionExpression: "version = :v",
        ExpressionAttributeValues: { ":v": expectedVersion },
      },
      undefined,
      `cycle ${c.id} changed meanwhile`,
    );
  }

  // --- trainings -------------------------------------------------------------------------

  private trainingItem = (t: TrainingRecord): Item => {
    // Indexed by its first follow-up not yet scheduled, so the sweep reads only what is due.
    const due = firstUnscheduledFollowUp(t);
    return {
      pk: `TRAINING#${t.id}`,
      sk: "TRAINING",
      gsi1pk: "TYPE#training",
      gsi1sk: t.id,
      ...(due ? { gsi2pk: "FOLLOWUPDUE", gsi2sk: `${due}#${t.id}` } : {}),
      version: t.version,
      data: TrainingRecord.parse(t),
    };
  };

  listTrainingsWithFollowUpsDueBy = (date: string) =>
    this.queryData(
      {
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :to",
        ExpressionAttributeValues: { ":pk": "FOLLOWUPDUE", ":to": `${date}#~` },
      },
      TrainingRecord,
    );

  createTraining = (t: TrainingRecord) => this.put(this.trainingItem(t), "create", `training ${t.id}`);
  getTraining = (id: string) => this.get(`TRAINING#${id}`, "TRAINING", TrainingRecord);
  listTrainings = () => this.queryData(this.byIndex("gsi1", "TYPE#training"), TrainingRecord);

  async updateTraining(t: TrainingRecord, expectedVersion: number, effects?: Effects): Promise<void> {
    await this.conditionalPut(
      {
        Item: this.trainingItem(t),
        ConditionExpression: "version = :v",
        ExpressionAttributeValues: { ":v": expectedVersion },
      },
      effects,
      `training ${t.id} changed meanwhile`,
    );
  }

  // --- tasks and timers -------------------------------------------------------------------

  /**
   * The item, its pointers and the token, in one transaction. A step retried with the same token
   * finds the first item. A state re-entered after a failure calls again with a new token but the
   * same item id (ids follow from execution and state): the item is re-bound to the new token, so
   * there is still one task or timer, and a callback already delivered to the dead token is
   * delivered again to the live one.
   */
  private async createWithToken<
    T extends {
      id: string;
      version?: number;
      callback: { tokenHash: string; status: "waiting" | "pending" | "delivered" };
    },
  >(
    itemOf: (value: T) => Item,
    pointers: Item[],
    value: T,
    token: string,
    kind: "task" | "timer",
    load: (id: string) => Promise<T | undefined>,
    effects?: Effects,
  ): Promise<{ value: T; created: boolean }> {
    const tokenKey = { pk: `TOKEN#${value.callback.tokenHash}`, sk: "TOKEN" };
    const tokenPut = this.tokenPut(value.callback.tokenHash, token, kind, value.id);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            tokenPut,
            {
              Put: {
                TableName: this.table,
                Item: itemOf(value),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            ...pointers.map((p) => ({ Put: { TableName: this.table, Item: p } })),
            ...this.mailPuts(effects),
          ],
        }),
      );
      return { value, created: true };
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const existing = await this.db.send(
        new GetCommand({ TableName: this.table, Key: tokenKey, ConsistentRead: true }),
      );
      if (existing.Item) {
        const found = await load(existing.Item.id as string);
        if (!found) throw error;
        return { value: found, created: false };
      }
      const found = await load(value.id);
      if (!found) throw error;
      const rebound: T = {
        ...found,
        ...(found.version !== undefined ? { version: found.version + 1 } : {}),
        callback: {
          ...found.callback,
          tokenHash: value.callback.tokenHash,
          status: found.callback.status === "delivered" ? "pending" : found.callback.status,
        },
      };
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            tokenPut,
            {
              Put: {
                TableName: this.table,
                Item: itemOf(rebound),
                ConditionExpression: "#data.callback.tokenHash = :old",
                ExpressionAttributeNames: { "#data": "data" },
                ExpressionAttributeValues: { ":old": found.callback.tokenHash },
              },
            },
          ],
        }),
      );
      return { value: rebound, created: false };
    }
  }

  async createTask(task: HumanTask, taskToken: string, effects?: Effects) {
    const data = HumanTask.parse(task);
    const pointers = this.taskPointers(data);
    const { value, created } = await this.createWithToken(
      taskItem,
      pointers,
      data,
      taskToken,
      "task",
      (id) => this.getTask(id),
      effects,
    );
    return { task: value, created };
  }

  /** Mails that go out with a write: new items in the same transaction, so both land or neither. */
  private mailPuts(effects?: Effects) {
    return (effects?.mails ?? []).map((mail) => ({
      Put: {
        TableName: this.table,
        Item: this.mailItem(mail),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    }));
  }

  /** A conditional put, with the effects' items in the same transaction when there are any. */
  private async conditionalPut(
    put: {
      Item: Item;
      ConditionExpression: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
    effects: Effects | undefined,
    lost: string,
  ): Promise<void> {
    const extra = this.mailPuts(effects);
    try {
      if (extra.length === 0) {
        await this.db.send(new PutCommand({ TableName: this.table, ...put }));
      } else {
        await this.db.send(
          new TransactWriteCommand({ TransactItems: [{ Put: { TableName: this.table, ...put } }, ...extra] }),
        );
      }
    } catch (error) {
      if (isConditionFailed(error) || isCancelled(error)) throw new ConditionFailed(lost);
      throw error;
    }
  }

  /**
   * The server-side copy of a Step Functions task token, addressed by its hash. It must be new:
   * an existing one means the same step ran before. Kept past the longest wait (TTL).
   */
  private tokenPut(hash: string, token: string, kind: "task" | "timer", id: string) {
    return {
      Put: {
        TableName: this.table,
        Item: {
          pk: `TOKEN#${hash}`,
          sk: "TOKEN",
          token,
          kind,
          id,
          ttl: Math.floor(Date.now() / 1000) + 400 * 86_400,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
  }

  private taskPointers = (task: HumanTask): Item[] => [
    { pk: `CASE#${task.caseId}`, sk: `TASK#${task.id}` },
    { pk: `EMP#${task.subjectId}`, sk: `TASK#${task.id}` },
  ];

  async createTaskGroup(tasks: HumanTask[], taskToken: string, effects?: Effects) {
    const data = tasks.map((t) => HumanTask.parse(t));
    const hash = data[0]!.callback.tokenHash;
    const tokenPut = this.tokenPut(hash, taskToken, "task", data[0]!.id);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            tokenPut,
            ...data.flatMap((t) => [
              {
                Put: {
                  TableName: this.table,
                  Item: taskItem(t),
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              ...this.taskPointers(t).map((p) => ({ Put: { TableName: this.table, Item: p } })),
            ]),
            ...this.mailPuts(effects),
          ],
        }),
      );
      return { tasks: data, created: true };
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const found = await Promise.all(data.map((t) => this.getTask(t.id)));
      if (found.some((t) => !t)) throw error;
      const existing = found as HumanTask[];
      const token = await this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: `TOKEN#${hash}`, sk: "TOKEN" },
          ConsistentRead: true,
        }),
      );
      if (token.Item) return { tasks: existing, created: false };
      // The state was re-entered with a new token: every task of the group moves to it.
      const rebound = existing.map((t) => ({
        ...t,
        version: t.version + 1,
        callback: {
          ...t.callback,
          tokenHash: hash,
          status: t.callback.status === "delivered" ? ("pending" as const) : t.callback.status,
        },
      }));
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            tokenPut,
            ...rebound.map((t, i) => ({
              Put: {
                TableName: this.table,
                Item: taskItem(t),
                ConditionExpression: "version = :v",
                ExpressionAttributeValues: { ":v": existing[i]!.version },
              },
            })),
          ],
        }),
      );
      return { tasks: rebound, created: false };
    }
  }

  getTask = (id: string) => this.get(`TASK#${id}`, "TASK", HumanTask);

  async updateTask(task: HumanTask, expectedVersion: number, effects?: Effects): Promise<void> {
    await this.conditionalPut(
      {
        Item: taskItem(HumanTask.parse(task)),
        ConditionExpression: "version = :v",
        ExpressionAttributeValues: { ":v": expectedVersion },
      },
      effects,
      `task ${task.id} changed meanwhile`,
    );
  }

  async listTasks(filter: {
    assigneeId?: string;
    subjectId?: string;
    caseId?: string;
    status?: HumanTask["status"];
  }) {
    let tasks: HumanTask[];
    if (filter.assigneeId) {
      tasks = await this.queryData(
        this.byIndex(
          "gsi1",
          `ASSIGNEE#${filter.assigneeId}`,
          filter.status ? `${filter.status}#` : undefined,
        ),
        HumanTask,
      );
    } else if (filter.caseId || filter.subjectId) {
      const pk = filter.caseId ? `CASE#${filter.caseId}` : `EMP#${filter.subjectId}`;
      const pointers = await this.query({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": pk, ":sk": "TASK#" },
      });
      tasks = await this.batchGet(
        pointers.map((p) => ({ pk: `TASK#${p.sk.slice(5)}`, sk: "TASK" })),
        HumanTask,
      );
    } else {
      throw new Error("listTasks needs assigneeId, subjectId or caseId");
    }
    return tasks
      .filter(
        (t) =>
          (!filter.status || t.status === filter.status) &&
          (!filter.subjectId || t.subjectId === filter.subjectId) &&
          (!filter.caseId || t.caseId === filter.caseId),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  listOpenTasksDueBy = (date: string) =>
    this.queryData(
      {
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :to",
        ExpressionAttributeValues: { ":pk": "OPENTASKS", ":to": `${date}#~` },
      },
      HumanTask,
    );

  async createTimer(timer: Timer, taskToken: string) {
    const data = Timer.parse(timer);
    const pointers = [{ pk: `CASE#${data.caseId}`, sk: `TIMER#${data.id}` }];
    const { value, created } = await this.createWithToken(
      timerItem,
      pointers,
      data,
      taskToken,
      "timer",
      (id) => this.getTimer(id),
    );
    return { timer: value, created };
  }

  getTimer = (id: string) => this.get(`TIMER#${id}`, "TIMER", Timer);
  async updateTimer(
    timer: Timer,
    expected: { status: Timer["status"]; callback: Timer["callback"]["status"] },
  ) {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: timerItem(Timer.parse(timer)),
          ConditionExpression: "#data.#status = :s AND #data.callback.#status = :c",
          ExpressionAttributeNames: { "#data": "data", "#status": "status" },
          ExpressionAttributeValues: { ":s": expected.status, ":c": expected.callback },
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new ConditionFailed(`timer ${timer.id} changed meanwhile`);
      throw error;
    }
  }

  async listTimers(filter: { caseId?: string; status?: Timer["status"] }) {
    if (!filter.caseId) throw new Error("listTimers needs caseId");
    const pointers = await this.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
      ExpressionAttributeValues: { ":pk": `CASE#${filter.caseId}`, ":sk": "TIMER#" },
    });
    const timers = await this.batchGet(
      pointers.map((p) => ({ pk: `TIMER#${p.sk.slice(6)}`, sk: "TIMER" })),
      Timer,
    );
    return timers
      .filter((t) => !filter.status || t.status === filter.status)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  listWaitingTimersDueBy = (instant: string) =>
    this.queryData(
      {
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :to",
        ExpressionAttributeValues: { ":pk": "WAITINGTIMERS", ":to": `${instant}#~` },
      },
      Timer,
    );

  async listPendingCallbacks() {
    const items = await this.query(this.byIndex("gsi2", "PENDINGCB"));
    return items.map((item) =>
      item.sk === "TASK"
        ? { kind: "task" as const, item: HumanTask.parse(item.data) }
        : { kind: "timer" as const, item: Timer.parse(item.data) },
    );
  }

  async getTaskToken(tokenHash: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `TOKEN#${tokenHash}`, sk: "TOKEN" },
        ConsistentRead: true,
      }),
    );
    return out.Item?.token as string | undefined;
  }

  // --- audit and settings -----------------------------------------------------------------

  /** Same-millisecond records of one process keep their order; the random tail keeps processes apart. */
  private auditSequence = 0;
  private auditItem = (record: AuditRecord): Item => ({
    pk: `AUDIT#${record.entityType}#${record.entityId}`,
    sk: `${record.at}#${(this.auditSequence++ % 1e9).toString().padStart(9, "0")}#${randomBytes(4).toString("hex")}`,
    data: AuditRecord.parse(record),
  });
  appendAudit = (record: AuditRecord) => this.put(this.auditItem(record));

  listAudit = (entityType: AuditRecord["entityType"], entityId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `AUDIT#${entityType}#${entityId}` },
      },
      AuditRecord,
    );

  /** A read of a review: its audit record and its access-log record in one transaction. */
  async appendAccess(record: AccessRecord): Promise<void> {
    const parsed = AccessRecord.parse(record);
    const auditItem = this.auditItem({
      entityType: parsed.entityType,
      entityId: parsed.entityId,
      at: parsed.at,
      actor: parsed.reader,
      action: parsed.action,
      changes: [],
    });
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: auditItem } },
          {
            Put: {
              TableName: this.table,
              Item: { pk: `ACCESSLOG#${accessMonthOf(parsed.at)}`, sk: auditItem.sk, data: parsed },
            },
          },
        ],
      }),
    );
  }

  listAccess = (month: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `ACCESSLOG#${month}` },
      },
      AccessRecord,
    );

  async getSetting<T>(key: string): Promise<T | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `SETTING#${key}`, sk: "SETTING" },
        ConsistentRead: true,
      }),
    );
    return out.Item?.value as T | undefined;
  }

  putSetting = <T>(key: string, value: T) => this.put({ pk: `SETTING#${key}`, sk: "SETTING", value });

  // --- mail queue -------------------------------------------------------------------------

  private mailItem(mail: QueuedMail): Item {
    const data = QueuedMail.parse(mail);
    return {
      pk: `MAIL#${data.id}`,
      sk: "MAIL",
      ...(data.status === "pending" ? { gsi2pk: "MAILDUE", gsi2sk: `${data.nextAttemptAt}#${data.id}` } : {}),
      // Delivered or given-up mails expire after 30 days (the table's TTL attribute).
      ...(data.status === "pending" ? {} : { ttl: Math.floor(Date.now() / 1000) + 30 * 86_400 }),
      attempts: data.attempts,
      data,
    };
  }

  queueMail = (mail: QueuedMail) => this.put(this.mailItem(mail), "create", `mail ${mail.id}`);

  async listMailsDue(instant: string, limit: number): Promise<QueuedMail[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :to",
        ExpressionAttributeValues: { ":pk": "MAILDUE", ":to": `${instant}#~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => QueuedMail.parse(item.data));
  }

  async updateQueuedMail(
    mail: QueuedMail,
    expected: Pick<QueuedMail, "attempts" | "nextAttemptAt">,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.mailItem(mail),
          ConditionExpression: "attempts = :a AND #data.#status = :pending AND #data.nextAttemptAt = :next",
          ExpressionAttributeNames: { "#data": "data", "#status": "status" },
          ExpressionAttributeValues: {
            ":a": expected.attempts,
            ":pending": "pending",
            ":next": expected.nextAttemptAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  // --- reassignment triggers ----------------------------------------------------------------

  private triggerItem = (t: ReassignTrigger): Item => ({ pk: "REASSIGN", sk: `${t.on}#${t.ref}`, ...t });

  async listReassignTriggersDue(date: string): Promise<ReassignTrigger[]> {
    const items = await this.query({
      KeyConditionExpression: "pk = :pk AND sk <= :to",
      ExpressionAttributeValues: { ":pk": "REASSIGN", ":to": `${date}#~` },
    });
    return items.map((item) => ({ on: item.on as string, ref: item.ref as string }));
  }

  async clearReassignTriggers(triggers: ReassignTrigger[]): Promise<void> {
    for (const t of triggers) {
      await this.db.send(
        new DeleteCommand({ TableName: this.table, Key: { pk: "REASSIGN", sk: `${t.on}#${t.ref}` } }),
      );
    }
  }

  // --- leases -------------------------------------------------------------------------------

  async acquireLease(name: string, owner: string, now: string, until: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `LEASE#${name}`,
            sk: "LEASE",
            owner,
            until,
            ttl: Math.floor(Date.parse(until) / 1000) + 86_400,
          },
          ConditionExpression: "attribute_not_exists(pk) OR #until < :now OR #owner = :owner",
          ExpressionAttributeNames: { "#until": "until", "#owner": "owner" },
          ExpressionAttributeValues: { ":now": now, ":owner": owner },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async releaseLease(name: string, owner?: string): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: `LEASE#${name}`, sk: "LEASE" },
          ...(owner
            ? {
                ConditionExpression: "#owner = :owner",
                ExpressionAttributeNames: { "#owner": "owner" },
                ExpressionAttributeValues: { ":owner": owner },
              }
            : {}),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error; // expired and taken by another sweep meanwhile
      });
  }
}

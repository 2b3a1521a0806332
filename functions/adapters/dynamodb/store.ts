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
// | absence           | EMP#employeeId        | ABS#from#id        |                                  |                                        |
// | delegation        | EMP#fromEmployeeId    | DELEG#id           |                                  |                                        |
// | probation         | PROB#id               | PROB               | EMPPROB#employeeId / created#id  |                                        |
// | task              | TASK#id               | TASK               | ASSIGNEE#id / status#due#id      | OPENTASKS / due#id, or PENDINGCB       |
// | task pointers     | PROB#id, EMP#subject  | TASK#id            |                                  |                                        |
// | timer             | TIMER#id              | TIMER              |                                  | WAITINGTIMERS / dueAt#id, or PENDINGCB |
// | timer pointer     | PROB#id               | TIMER#id           |                                  |                                        |
// | task token        | TOKEN#hash            | TOKEN              |                                  |                                        |
// | audit record      | AUDIT#type#id         | at#random          |                                  |                                        |
// | setting           | SETTING#key           | SETTING            |                                  |                                        |
import { randomBytes } from "node:crypto";
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  Absence,
  AuditRecord,
  Delegation,
  Employee,
  HumanTask,
  JobDescription,
  Position,
  Probation,
  Timer,
  Unit,
} from "../../core/model";
import { ConditionFailed, type Store } from "../../core/ports";

type Item = Record<string, unknown> & { pk: string; sk: string };
type Schema<T> = { parse(data: unknown): T };

const isCancelled = (error: unknown) => (error as Error).name === "TransactionCanceledException";
const isConditionFailed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

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
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true }),
    );
    return out.Item ? schema.parse(out.Item.data) : undefined;
  }

  private async put(item: Item): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  private async delete(pk: string, sk: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: this.table, Key: { pk, sk } } }] }),
    );
  }

  private async query(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
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

  putUnit = (unit: Unit) =>
    this.put({
      pk: `UNIT#${unit.id}`,
      sk: "UNIT",
      gsi1pk: "TYPE#unit",
      gsi1sk: unit.id,
      data: Unit.parse(unit),
    });
  getUnit = (id: string) => this.get(`UNIT#${id}`, "UNIT", Unit);
  listUnits = () => this.queryData(this.byIndex("gsi1", "TYPE#unit"), Unit);
  deleteUnit = (id: string) => this.delete(`UNIT#${id}`, "UNIT");

  putPosition = (p: Position) =>
    this.put({
      pk: `POS#${p.id}`,
      sk: "POS",
      gsi1pk: "TYPE#position",
      gsi1sk: p.id,
      data: Position.parse(p),
    });
  getPosition = (id: string) => this.get(`POS#${id}`, "POS", Position);
  listPositions = () => this.queryData(this.byIndex("gsi1", "TYPE#position"), Position);
  deletePosition = (id: string) => this.delete(`POS#${id}`, "POS");

  putJobDescription = (positionId: string, jd: JobDescription) =>
    this.put({ pk: `POS#${positionId}`, sk: "JD", data: JobDescription.parse(jd) });
  getJobDescription = (positionId: string) => this.get(`POS#${positionId}`, "JD", JobDescription);

  /** Writes the employee and claims its email in one transaction, so two people cannot share one. */
  async putEmployee(employee: Employee): Promise<void> {
    const data = Employee.parse(employee);
    const previous = await this.getEmployee(data.id);
    const email = data.email.toLowerCase();
    const oldEmail = previous?.email.toLowerCase();
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  pk: `EMP#${data.id}`,
                  sk: "EMP",
                  gsi1pk: "TYPE#employee",
                  gsi1sk: data.id,
                  ...(data.positionId ? { gsi2pk: `POSHOLDERS#${data.positionId}`, gsi2sk: data.id } : {}),
                  data,
                },
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { pk: `EMAIL#${email}`, sk: "EMAIL", employeeId: data.id },
                ConditionExpression: "attribute_not_exists(pk) OR employeeId = :id",
                ExpressionAttributeValues: { ":id": data.id },
              },
            },
            ...(oldEmail && oldEmail !== email
              ? [{ Delete: { TableName: this.table, Key: { pk: `EMAIL#${oldEmail}`, sk: "EMAIL" } } }]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (isCancelled(error)) throw new ConditionFailed(`email already belongs to another employee`);
      throw error;
    }
  }

  getEmployee = (id: string) => this.get(`EMP#${id}`, "EMP", Employee);

  async findEmployeeByEmail(email: string): Promise<Employee | undefined> {
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

  putAbsence = (a: Absence) =>
    this.put({ pk: `EMP#${a.employeeId}`, sk: `ABS#${a.from}#${a.id}`, data: Absence.parse(a) });
  listAbsences = (employeeId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": `EMP#${employeeId}`, ":sk": "ABS#" },
      },
      Absence,
    );

  deleteAbsence = (a: Absence) => this.delete(`EMP#${a.employeeId}`, `ABS#${a.from}#${a.id}`);

  putDelegation = (d: Delegation) =>
    this.put({ pk: `EMP#${d.fromEmployeeId}`, sk: `DELEG#${d.id}`, data: Delegation.parse(d) });
  listDelegations = (fromEmployeeId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": `EMP#${fromEmployeeId}`, ":sk": "DELEG#" },
      },
      Delegation,
    );
  deleteDelegation = (d: Delegation) => this.delete(`EMP#${d.fromEmployeeId}`, `DELEG#${d.id}`);

  // --- probations -------------------------------------------------------------------------

  private probationItem(p: Probation): Item {
    return {
      pk: `PROB#${p.id}`,
      sk: "PROB",
      gsi1pk: `EMPPROB#${p.employeeId}`,
      gsi1sk: `${p.createdAt}#${p.id}`,
      data: Probation.parse(p),
    };
  }

  async createProbation(probation: Probation): Promise<Probation> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.probationItem(probation),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return probation;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      return (await this.getProbation(probation.id))!;
    }
  }

  getProbation = (id: string) => this.get(`PROB#${id}`, "PROB", Probation);
  putProbation = (p: Probation) => this.put(this.probationItem(p));
  listProbations = (employeeId: string) =>
    this.queryData(this.byIndex("gsi1", `EMPPROB#${employeeId}`), Probation);

  // --- tasks and timers -------------------------------------------------------------------

  /** The item, its pointers and the token, in one transaction: a retried step finds the first one. */
  private async createWithToken<T extends { id: string; callback: { tokenHash: string } }>(
    item: Item,
    pointers: Item[],
    value: T,
    token: string,
    kind: "task" | "timer",
    load: (id: string) => Promise<T | undefined>,
  ): Promise<{ value: T; created: boolean }> {
    const tokenKey = { pk: `TOKEN#${value.callback.tokenHash}`, sk: "TOKEN" };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...tokenKey, token, kind, id: value.id },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            { Put: { TableName: this.table, Item: item, ConditionExpression: "attribute_not_exists(pk)" } },
            ...pointers.map((p) => ({ Put: { TableName: this.table, Item: p } })),
          ],
        }),
      );
      return { value, created: true };
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const existing = await this.db.send(
        new GetCommand({ TableName: this.table, Key: tokenKey, ConsistentRead: true }),
      );
      const found = existing.Item ? await load(existing.Item.id as string) : undefined;
      if (!found) throw error;
      return { value: found, created: false };
    }
  }

  async createTask(task: HumanTask, taskToken: string) {
    const data = HumanTask.parse(task);
    const pointers = [
      ...(data.probationId ? [{ pk: `PROB#${data.probationId}`, sk: `TASK#${data.id}` }] : []),
      { pk: `EMP#${data.subjectId}`, sk: `TASK#${data.id}` },
    ];
    const { value, created } = await this.createWithToken(
      taskItem(data),
      pointers,
      data,
      taskToken,
      "task",
      (id) => this.getTask(id),
    );
    return { task: value, created };
  }

  getTask = (id: string) => this.get(`TASK#${id}`, "TASK", HumanTask);

  async updateTask(task: HumanTask, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: taskItem(HumanTask.parse(task)),
          ConditionExpression: "version = :v",
          ExpressionAttributeValues: { ":v": expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new ConditionFailed(`task ${task.id} changed meanwhile`);
      throw error;
    }
  }

  async listTasks(filter: {
    assigneeId?: string;
    subjectId?: string;
    probationId?: string;
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
    } else if (filter.probationId || filter.subjectId) {
      const pk = filter.probationId ? `PROB#${filter.probationId}` : `EMP#${filter.subjectId}`;
      const pointers = await this.query({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": pk, ":sk": "TASK#" },
      });
      tasks = await this.batchGet(
        pointers.map((p) => ({ pk: `TASK#${p.sk.slice(5)}`, sk: "TASK" })),
        HumanTask,
      );
    } else {
      throw new Error("listTasks needs assigneeId, subjectId or probationId");
    }
    return tasks
      .filter(
        (t) =>
          (!filter.status || t.status === filter.status) &&
          (!filter.subjectId || t.subjectId === filter.subjectId) &&
          (!filter.probationId || t.probationId === filter.probationId),
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
    const pointers = [{ pk: `PROB#${data.probationId}`, sk: `TIMER#${data.id}` }];
    const { value, created } = await this.createWithToken(
      timerItem(data),
      pointers,
      data,
      taskToken,
      "timer",
      (id) => this.getTimer(id),
    );
    return { timer: value, created };
  }

  getTimer = (id: string) => this.get(`TIMER#${id}`, "TIMER", Timer);
  putTimer = (timer: Timer) => this.put(timerItem(Timer.parse(timer)));

  async listTimers(filter: { probationId?: string; status?: Timer["status"] }) {
    if (!filter.probationId) throw new Error("listTimers needs probationId");
    const pointers = await this.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
      ExpressionAttributeValues: { ":pk": `PROB#${filter.probationId}`, ":sk": "TIMER#" },
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
  appendAudit = (record: AuditRecord) =>
    this.put({
      pk: `AUDIT#${record.entityType}#${record.entityId}`,
      sk: `${record.at}#${(this.auditSequence++ % 1e9).toString().padStart(9, "0")}#${randomBytes(4).toString("hex")}`,
      data: AuditRecord.parse(record),
    });

  listAudit = (entityType: AuditRecord["entityType"], entityId: string) =>
    this.queryData(
      {
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `AUDIT#${entityType}#${entityId}` },
      },
      AuditRecord,
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
}

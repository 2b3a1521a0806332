// Counting adapters for `npm run cost`: wrapped around the real DynamoDB client, workflow engine,
// step dispatch, HTTP app and mail transport, they count what AWS would bill for the work that
// actually ran. Nothing here estimates from the design; every figure comes from a call that
// happened (the only computed part is DynamoDB transactions, where DynamoDB Local's own figure is
// wrong: see countDynamoDb).
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from "@aws-sdk/client-dynamodb";
import { tableSchema } from "../../functions/adapters/dynamodb/table";

export interface LambdaUse {
  invocations: number;
  /** Sum of each invocation's duration rounded up to 1 ms, as Lambda bills it. */
  billedMs: number;
}

/** What AWS bills, counted. Plain numbers so two meters can be subtracted (an idle sweep's cost). */
export interface Usage {
  stateTransitions: number;
  /** Per function: a step's function name, "api" or "scheduler". */
  lambda: Record<string, LambdaUse>;
  /** DynamoDB on-demand read and write request units, GSIs included. */
  readUnits: number;
  writeUnits: number;
  dynamoRequests: number;
  mails: number;
  apiRequests: number;
  schedulerInvocations: number;
}

export const emptyUsage = (): Usage => ({
  stateTransitions: 0,
  lambda: {},
  readUnits: 0,
  writeUnits: 0,
  dynamoRequests: 0,
  mails: 0,
  apiRequests: 0,
  schedulerInvocations: 0,
});

export class CostMeter {
  usage: Usage = emptyUsage();
  /** Where the units go (per workflow, per DynamoDB operation and key prefix), to find hot spots. */
  details = new Map<string, number>();

  add(detail: string, n: number): void {
    this.details.set(detail, (this.details.get(detail) ?? 0) + n);
  }

  transition(workflow = "?"): void {
    this.usage.stateTransitions++;
    this.add(`transitions ${workflow}`, 1);
  }

  /** Runs `work` as one invocation of the Lambda `fn`, timing it by the wall clock. */
  async invocation<T>(fn: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      const use = this.usage.lambda[fn] ?? { invocations: 0, billedMs: 0 };
      this.usage.lambda[fn] = use;
      use.invocations++;
      use.billedMs += Math.max(1, Math.ceil(performance.now() - start));
    }
  }

  snapshot(): Usage {
    return structuredClone(this.usage);
  }
}

/** a - b, field by field. */
export function usageDiff(a: Usage, b: Usage): Usage {
  const lambda: Record<string, LambdaUse> = {};
  const none = { invocations: 0, billedMs: 0 };
  for (const fn of new Set([...Object.keys(a.lambda), ...Object.keys(b.lambda)])) {
    const [after, before] = [a.lambda[fn] ?? none, b.lambda[fn] ?? none];
    lambda[fn] = {
      invocations: after.invocations - before.invocations,
      billedMs: after.billedMs - before.billedMs,
    };
  }
  return {
    stateTransitions: a.stateTransitions - b.stateTransitions,
    lambda,
    readUnits: a.readUnits - b.readUnits,
    writeUnits: a.writeUnits - b.writeUnits,
    dynamoRequests: a.dynamoRequests - b.dynamoRequests,
    mails: a.mails - b.mails,
    apiRequests: a.apiRequests - b.apiRequests,
    schedulerInvocations: a.schedulerInvocations - b.schedulerInvocations,
  };
}

// --- DynamoDB item size, by AWS's rules --------------------------------------------------------

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** A number's size: about one byte per two significant digits, plus one. */
const numberSize = (n: string) => {
  const digits = n
    .replace(/^[-+]?0*/, "")
    .replace(/[eE].*$/, "")
    .replace(".", "")
    .replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
};

function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  // Lists and maps: 3 bytes, plus one byte per element, plus the elements (and a map's names).
  if (v.L) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + valueSize(e), 0);
  return 0;
}

/** An item's size as DynamoDB counts it: attribute names plus values, in bytes. */
export const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((n, [name, v]) => n + utf8(name) + valueSize(v), 0);

/** Write units of one write of `bytes`: 1 per KB or part of it. */
export const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const indexKeys = Object.values(tableSchema.indexes);

/**
 * Write units of one transactional action, from the item before and after: the table bills the
 * larger of the two, twice (prepare and commit); each GSI the item enters, leaves or changes in
 * is billed too. AWS does not say whether index writes of a transaction are doubled; they are
 * doubled here, so the figure errs high.
 */
export function transactionalWriteUnits(
  before: Record<string, AttributeValue> | undefined,
  after: Record<string, AttributeValue> | undefined,
): number {
  const beforeSize = before ? itemSize(before) : 0;
  const afterSize = after ? itemSize(after) : 0;
  let units = 2 * writeUnitsOf(Math.max(beforeSize, afterSize));
  for (const { partitionKey, sortKey } of indexKeys) {
    const keyOf = (item?: Record<string, AttributeValue>) =>
      item?.[partitionKey]?.S !== undefined && item[sortKey]?.S !== undefined
        ? `${item[partitionKey].S}\u0000${item[sortKey].S}`
        : undefined;
    const was = keyOf(before);
    const is = keyOf(after);
    if (was && is && was === is) units += 2 * writeUnitsOf(Math.max(beforeSize, afterSize));
    else {
      if (was) units += 2 * writeUnitsOf(beforeSize);
      if (is) units += 2 * writeUnitsOf(afterSize);
    }
  }
  return units;
}

/** The entity a key names: TASK#abc -> TASK, for the breakdown. */
const prefixOf = (pk: AttributeValue | undefined) => pk?.S?.split("#")[0] ?? "?";

/** The partition key of a request: its key, its item, or a query's first value. */
function keyOf(input: Record<string, unknown>): AttributeValue | undefined {
  const key = (input.Key ?? input.Item) as Record<string, AttributeValue> | undefined;
  if (key?.pk) return key.pk;
  const values = input.ExpressionAttributeValues as Record<string, AttributeValue> | undefined;
  if (values) return Object.values(values)[0];
  const requests = (input.RequestItems ?? {}) as Record<string, unknown>;
  const first = Object.values(requests)[0] as
    | { Keys?: Array<Record<string, AttributeValue>> }
    | Array<{
        PutRequest?: { Item: Record<string, AttributeValue> };
        DeleteRequest?: { Key: Record<string, AttributeValue> };
      }>
    | undefined;
  if (Array.isArray(first)) return (first[0]?.PutRequest?.Item ?? first[0]?.DeleteRequest?.Key)?.pk;
  return first?.Keys?.[0]?.pk;
}

type Capacity = { CapacityUnits?: number } | undefined;
const sumCapacity = (c: Capacity | Capacity[]) =>
  (Array.isArray(c) ? c : [c]).reduce((n, x) => n + (x?.CapacityUnits ?? 0), 0);

const READS = new Set([
  "GetItemCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetItemCommand",
  "TransactGetItemsCommand",
]);
const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "BatchWriteItemCommand"]);

/**
 * Counts the request units of every request sent through `client` (a low-level client: a
 * document client made from it shares its middleware stack). Requests ask for
 * ReturnConsumedCapacity TOTAL and DynamoDB Local's figure is taken (it counts GSIs and item
 * sizes as AWS does), except where it is known to differ:
 * - a Query or Scan page that finds nothing: Local says 0, AWS bills the minimum (0.5, or 1 when
 *   strongly consistent);
 * - TransactWriteItems: Local reports 4 units per KB of the largest item and ignores the others;
 *   AWS bills 2 per KB of each item. Each action's item is read first through `peek` (a client
 *   with no meter, so the look does not count) and the units are computed by transactionalWriteUnits;
 * - a conditional write that fails: AWS still bills the write; Local returns no capacity, so it
 *   is counted from the request's item size (Put) or as 1 unit.
 */
export function countDynamoDb(client: DynamoDBClient, peek: DynamoDBClient, meter: CostMeter): void {
  const current = async (table: string, key: Record<string, AttributeValue>) =>
    (await peek.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;

  const transactionUnits = async (items: TransactWriteItem[]) => {
    let units = 0;
    for (const action of items) {
      const unitsBefore = units;
      const pk = (action.Put?.Item ?? action.Delete?.Key ?? action.Update?.Key ?? action.ConditionCheck?.Key)
        ?.pk;
      if (action.Put) {
        const key = { pk: action.Put.Item!.pk!, sk: action.Put.Item!.sk! };
        units += transactionalWriteUnits(await current(action.Put.TableName!, key), action.Put.Item);
      } else if (action.Delete) {
        units += transactionalWriteUnits(
          await current(action.Delete.TableName!, action.Delete.Key!),
          undefined,
        );
      } else if (action.Update) {
        // The item after an update is not known before it runs: the item before plus the values set.
        const before = await current(action.Update.TableName!, action.Update.Key!);
        const added = Object.values(action.Update.ExpressionAttributeValues ?? {}).reduce(
          (n, v) => n + valueSize(v),
          0,
        );
        const after = { ...(before ?? action.Update.Key!), __added: { S: "x".repeat(added) } };
        units += transactionalWriteUnits(before, after);
      } else if (action.ConditionCheck) {
        const item = await current(action.ConditionCheck.TableName!, action.ConditionCheck.Key!);
        units += 2 * writeUnitsOf(item ? itemSize(item) : 0);
      }
      const verb = action.Put ? "put" : action.Delete ? "delete" : action.Update ? "update" : "check";
      meter.add(`write units: transaction ${verb} ${prefixOf(pk)}`, units - unitsBefore);
    }
    return units;
  };

  // Before the document client marshals the input (which keeps keys it does not know).
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      if (READS.has(command) || WRITES.has(command))
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      return next(args);
    },
    { step: "initialize", priority: "high", name: "costMeterAskCapacity" },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const input = args.input as Record<string, unknown>;
      meter.usage.dynamoRequests++;
      if (command === "TransactWriteItemsCommand") {
        // Counted whether it commits or is cancelled: a cancelled transaction is billed too.
        meter.usage.writeUnits += await transactionUnits(input.TransactItems as TransactWriteItem[]);
        return next(args);
      }
      if (!READS.has(command) && !WRITES.has(command)) return next(args);
      try {
        const out = await next(args);
        const output = out.output as { ConsumedCapacity?: Capacity | Capacity[]; Count?: number };
        let units = sumCapacity(output.ConsumedCapacity);
        if ((command === "QueryCommand" || command === "ScanCommand") && units === 0)
          units = input.ConsistentRead ? 1 : 0.5;
        if (READS.has(command)) meter.usage.readUnits += units;
        else meter.usage.writeUnits += units;
        const detail = input.IndexName ? `index ${String(input.IndexName)}` : prefixOf(keyOf(input));
        meter.add(
          `${READS.has(command) ? "read" : "write"} units: ${command.replace(/Command$/, "")} ${detail}`,
          units,
        );
        return out;
      } catch (error) {
        if ((error as Error).name === "ConditionalCheckFailedException") {
          const item = input.Item as Record<string, AttributeValue> | undefined;
          meter.usage.writeUnits += item ? writeUnitsOf(itemSize(item)) : 1;
        }
        throw error;
      }
    },
    // Once serialized: the input is marshalled (attribute values), the output not yet unmarshalled.
    { step: "build", name: "costMeterDynamoDb" },
  );
}

// The journal on the project's table: EXEC#<id>/EXEC, listed by status through gsi1 and found by
// token hash through gsi2 (sparse: only while a token is outstanding).
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ExecutionJournal, ExecutionRecord, ExecutionStatus } from "./journal";

const FINISHED = new Set(["succeeded", "failed", "stopped"]);

export class DynamoExecutionJournal implements ExecutionJournal {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(record: ExecutionRecord) {
    return {
      pk: `EXEC#${record.executionId}`,
      sk: "EXEC",
      gsi1pk: `EXECSTATUS#${record.status}`,
      gsi1sk: record.executionId,
      ...(record.tokenHash ? { gsi2pk: `EXECTOKEN#${record.tokenHash}`, gsi2sk: "EXEC" } : {}),
      // JSON keeps arbitrary workflow data (nulls, nested arrays) exactly as the engine produced it.
      record: JSON.stringify(record),
      // A finished execution is kept 90 days, as Step Functions keeps its history (table TTL).
      ...(FINISHED.has(record.status) ? { ttl: Math.floor(Date.now() / 1000) + 90 * 86_400 } : {}),
    };
  }

  async get(executionId: string) {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `EXEC#${executionId}`, sk: "EXEC" },
        ConsistentRead: true,
      }),
    );
    return out.Item ? (JSON.parse(out.Item.record as string) as ExecutionRecord) : undefined;
  }

  async put(record: ExecutionRecord) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.item(record) }));
  }

  async create(record: ExecutionRecord) {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(record),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  private async byIndex(index: "gsi1" | "gsi2", pk: string) {
    const records: ExecutionRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ":pk": pk },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) records.push(JSON.parse(item.record as string) as ExecutionRecord);
      start = out.LastEvaluatedKey;
    } while (start);
    return records;
  }

  async findByTokenHash(tokenHash: string) {
    const [hit] = await this.byIndex("gsi2", `EXECTOKEN#${tokenHash}`);
    // The index may lag: confirm against the record itself.
    const current = hit && (await this.get(hit.executionId));
    return current?.tokenHash === tokenHash ? current : undefined;
  }

  listByStatus = (status: ExecutionStatus) => this.byIndex("gsi1", `EXECSTATUS#${status}`);
}

import { randomBytes } from "node:crypto";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { ensureTable } from "../../functions/adapters/dynamodb/table";
import { localDynamoClient } from "../../functions/local/dynamodb-local";

/** A fresh table in the run's DynamoDB Local, so test files never see each other's data. */
export async function createTestTable(prefix: string) {
  const client = localDynamoClient(inject("dynamoEndpoint"));
  const tableName = `${prefix}-${randomBytes(4).toString("hex")}`;
  await ensureTable(client, tableName);
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documentClient, tableName, store: new DynamoStore(documentClient, tableName) };
}

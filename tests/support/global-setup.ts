// One DynamoDB Local for the whole test run; every test file makes its own table in it.
import type { TestProject } from "vitest/node";
import {
  ensureDynamoDbLocal,
  type RunningDynamoDb,
  startDynamoDbLocal,
} from "../../functions/local/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let db: RunningDynamoDb | undefined;

export default async function setup(project: TestProject) {
  await ensureDynamoDbLocal(); // also warms the cache the e2e tests' child processes use
  db = await startDynamoDbLocal({});
  project.provide("dynamoEndpoint", db.endpoint);
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  return async () => {
    await db?.stop();
  };
}

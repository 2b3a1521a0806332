// The access log's store pattern on DynamoDB Local: a review read writes its audit record (under
// the review) and its access-log record (under the month) in one write; a month lists across
// reviews and people in time order; the use case filters by the person read about, the reader and
// a Tallinn date range, and refuses anyone but HR.
import { beforeAll, describe, expect, it } from "vitest";
import type { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { DomainError } from "../../functions/core/errors";
import { accessLog, recordReviewRead } from "../../functions/core/usecases/access-log";
import { createTestTable } from "../support/dynamo";

let store: DynamoStore;
let now = new Date("2026-10-31T22:30:00Z"); // 1 November 2026, 00:30 in Tallinn
const clock = { now: () => now };

beforeAll(async () => {
  ({ store } = await createTestTable("access-log"));
});

describe("the access log", () => {
  it("keeps each read under its review's audit trail and its month, and lists it by filter", async () => {
    await recordReviewRead(
      { store, clock },
      { employeeId: "tiina-tamm", name: "Tiina Tamm" },
      { id: "r1", subjectId: "mari" },
      "review.read.page",
    );
    now = new Date("2026-11-02T08:00:00Z");
    await recordReviewRead(
      { store, clock },
      { employeeId: "mari" },
      { id: "r1", subjectId: "mari" },
      "review.read.pdf",
    );
    await recordReviewRead(
      { store, clock },
      { employeeId: "helena" },
      { id: "r2", subjectId: "olga" },
      "review.read.api",
    );

    expect((await store.listAudit("case", "r1")).map((a) => [a.actor.id, a.action])).toEqual([
      ["tiina-tamm", "review.read.page"],
      ["mari", "review.read.pdf"],
    ]);
    // The Tallinn day 1 November began on 31 October in UTC: the October month holds it.
    expect((await store.listAccess("2026-10")).map((r) => r.entityId)).toEqual(["r1"]);
    expect((await store.listAccess("2026-11")).map((r) => r.subjectId)).toEqual(["mari", "olga"]);

    const hr = { employeeId: "helena", roles: ["hr"] as const };
    const all = await accessLog(
      { store, clock },
      { ...hr, roles: ["hr"] },
      { from: "2026-11-01", to: "2026-11-30" },
    );
    expect(all.records.map((r) => r.action)).toEqual([
      "review.read.api",
      "review.read.pdf",
      "review.read.page",
    ]);
    const aboutMari = await accessLog(
      { store, clock },
      { ...hr, roles: ["hr"] },
      { subjectId: "mari", from: "2026-11-01" },
    );
    expect(aboutMari.records.map((r) => r.reader.id)).toEqual(["mari", "tiina-tamm"]);
    const byTiina = await accessLog(
      { store, clock },
      { ...hr, roles: ["hr"] },
      { readerId: "tiina-tamm", from: "2026-10-01" },
    );
    expect(byTiina.records).toHaveLength(1);
    expect(byTiina.records[0]).not.toHaveProperty("answers");
    const secondOnly = await accessLog(
      { store, clock },
      { ...hr, roles: ["hr"] },
      { from: "2026-11-02", to: "2026-11-02" },
    );
    expect(secondOnly.records).toHaveLength(2);

    await expect(
      accessLog({ store, clock }, { employeeId: "mari", roles: ["employee"] }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      accessLog({ store, clock }, { ...hr, roles: ["hr"] }, { from: "2026-11-05", to: "2026-11-01" }),
    ).rejects.toMatchObject({ field: "to" });
  });
});

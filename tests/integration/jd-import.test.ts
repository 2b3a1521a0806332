// Importing a job description links the positions it names by title (1.3 manager, 1.4 who
// substitutes, 1.5 whom it substitutes, inflected as Estonian writes them) and reports titles
// that match nothing instead of dropping them.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/api-harness";

const seed = readFileSync(
  new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
  "utf8",
);
const otherShape = readFileSync(
  new URL("../fixtures/job-descriptions/jurist-rooma-numbrid.md", import.meta.url),
  "utf8",
);

let h: Harness;
beforeAll(async () => {
  h = await createHarness("jdimport");
});

const importJd = (positionId: string, markdown: string) =>
  h.call(`/api/positions/${positionId}/job-description`, {
    method: "PUT",
    token: h.tokens.hr,
    headers: { "content-type": "text/markdown" },
    body: markdown,
  });

describe("job description import links positions by title", () => {
  it("fills an empty manager and substitutes from 1.3 and 1.4, and matches inflected titles in 1.5", async () => {
    const created = await h.call("/api/positions", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        id: "tallinn-juht-2",
        title: "Tallinna klienditeeninduse juht",
        unitId: "klienditeenindus",
      }),
    });
    expect(created.status).toBe(201);
    const res = await importJd("tallinn-juht-2", seed);
    expect(res.status).toBe(200);
    const { positionLinks } = (await res.json()) as {
      positionLinks: {
        manager: Array<{ positionIds: string[] }>;
        substitutedBy: Array<{ positionIds: string[] }>;
        substitutes: Array<{ title: string; positionIds: string[] }>;
        unmatched: string[];
        updated: string[];
      };
    };
    expect(positionLinks.manager[0]!.positionIds).toEqual(["kt-juht"]);
    expect(positionLinks.substitutedBy[0]!.positionIds).toEqual(["piirkond-juht"]);
    expect(positionLinks.substitutes.map((s) => s.positionIds)).toEqual([["piirkond-juht"], ["kt-juht"]]);
    expect(positionLinks.unmatched).toEqual([]);
    expect(positionLinks.updated.sort()).toEqual(["managerPositionId", "substitutePositionIds"]);
    expect(await h.deps.store.getPosition("tallinn-juht-2")).toMatchObject({
      managerPositionId: "kt-juht",
      substitutePositionIds: ["piirkond-juht"],
    });
  });

  it("reports the titles of a job description of another shape that match no position", async () => {
    const res = await importJd("personalipartner", otherShape);
    expect(res.status).toBe(200);
    const { positionLinks } = (await res.json()) as { positionLinks: { unmatched: string[] } };
    expect(positionLinks.unmatched.length).toBeGreaterThan(0);
  });
});

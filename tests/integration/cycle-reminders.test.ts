// A review cycle's reminders and escalations on DynamoDB Local and the local engine: the cycle's
// own business-day lead time, a reminder on the due date, escalation to the lead's manager and HR
// the first business day after the deadline, and never more than one mail per person per day per
// cycle, however often the sweep runs.
import { beforeAll, describe, expect, it } from "vitest";
import type { JobDescription } from "../../functions/core/model";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;

const jd: JobDescription = {
  positionTitle: "Spetsialist",
  unitName: "Tallinna klienditeenindus",
  duties: [{ code: "3.1", text: "Klientide nõustamine", details: [], expectedResults: ["Vastus 2 päevaga"] }],
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [],
};

const digests = (from: number) => h.mails.slice(from).filter((m) => m.tag?.startsWith("digest:"));
const perRecipient = (from: number) => {
  const count = new Map<string, number>();
  for (const m of digests(from)) count.set(m.to, (count.get(m.to) ?? 0) + 1);
  return Object.fromEntries([...count].sort());
};

/** A day with the sweep running every few minutes: at 09:00, 09:05 and 15:00 Tallinn time. */
async function dayOfSweeps(date: string) {
  const from = h.mails.length;
  for (const time of ["07:00", "07:05", "13:00"]) {
    h.setNow(`${date}T${time}:00Z`);
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
  return from;
}

beforeAll(async () => {
  h = await createHarness("cycle-notices", { start: "2026-11-25T08:00:00Z" });
  await h.deps.store.putJobDescription("tallinn-spetsialist-1", jd);
  await h.deps.store.putJobDescription("tallinn-spetsialist-2", jd);
  const res = await h.call("/api/cycles", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      type: "annual",
      title: { et: "Arenguvestlused 2026", en: "Development conversations 2026" },
      scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"] },
      opensOn: "2026-11-25",
      deadline: "2026-12-31",
      // Assessments are due Saturday 19.12: reminded two business days before the last business
      // day on or before it (Wednesday 16.12) and on that day (Friday 18.12).
      reminders: { businessDaysBefore: 2, escalateAfterDeadline: true },
    }),
  });
  const { id } = (await res.json()) as { id: string };
  expect((await h.call(`/api/cycles/${id}/launch`, { method: "POST", token: h.tokens.hr })).status).toBe(200);
  await h.engine.whenIdle();
  await sweep(h.deps);
  await h.engine.whenIdle();
});

describe("review-cycle reminders", () => {
  it("nobody is reminded before the cycle's lead time", async () => {
    const from = await dayOfSweeps("2026-12-15");
    expect(digests(from)).toEqual([]);
  });

  it("two business days before: one digest per person, the lead's naming both reports", async () => {
    const from = await dayOfSweeps("2026-12-16");
    expect(perRecipient(from)).toEqual({
      "mari.maasikas@example.ee": 1,
      "olga.ivanova@example.ee": 1,
      "tiina.tamm@example.ee": 1,
    });
    const lead = digests(from).find((m) => m.to === "tiina.tamm@example.ee")!;
    expect(lead.subject).toBe("Meeldetuletus: Arenguvestlused 2026 (2)");
    expect(lead.text).toContain("Mari Maasikas");
    expect(lead.text).toContain("Olga Ivanova");
    expect(lead.text).toContain("19.12.2026");
    // Each line carries the holder's own link.
    expect(lead.text.match(/\/l\/\S+/g)).toHaveLength(2);
    expect(lead.html).toContain('<a href="http');
  });

  it("nothing on the day between; again on the due date's last business day", async () => {
    expect(digests(await dayOfSweeps("2026-12-17"))).toEqual([]);
    expect(perRecipient(await dayOfSweeps("2026-12-18"))).toEqual({
      "mari.maasikas@example.ee": 1,
      "olga.ivanova@example.ee": 1,
      "tiina.tamm@example.ee": 1,
    });
  });

  it("after the deadline: one escalation digest to the lead's manager and one to HR, and once only", async () => {
    // Assessments lapse; the meeting proposal lapses at the deadline; the conversation is open.
    for (const day of ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-28", "2026-12-29", "2026-12-30"])
      await dayOfSweeps(day);
    const beforeDeadline = h.mails.length;
    await dayOfSweeps("2027-01-01");
    await dayOfSweeps("2027-01-02");
    // 01.01 is a public holiday and 02.-03.01 a weekend: the first business day after 31.12 is 04.01.
    expect(digests(beforeDeadline).filter((m) => m.tag === "digest:escalation")).toEqual([]);
    const from = await dayOfSweeps("2027-01-04");
    const escalations = digests(from).filter((m) => m.tag === "digest:escalation");
    expect(escalations.map((m) => m.to).sort()).toEqual(["hr@example.ee", "kadri.kask@example.ee"]);
    const hr = escalations.find((m) => m.to === "hr@example.ee")!;
    expect(hr.text).toContain("Mari Maasikas");
    expect(hr.text).toContain("Olga Ivanova");
    expect(hr.text).toContain("Tiina Tamm");
    // Never more than one mail a day per person for the cycle.
    for (const count of Object.values(perRecipient(from))) expect(count).toBe(1);
    expect(digests(await dayOfSweeps("2027-01-05")).filter((m) => m.tag === "digest:escalation")).toEqual([]);
  });
});

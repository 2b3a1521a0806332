// The demo organisation loaded on first start: the Tallinn customer service unit of the seed job
// description (sections 1.3-1.6), with fictitious people.
import { readFileSync } from "node:fs";
import { parseJobDescriptionMarkdown } from "../../core/job-description/parse-markdown";
import type { Employee, Position, Unit } from "../../core/model";
import type { Store } from "../../core/ports";

const seedFile = new URL("./ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url);

export const demoUnits: Unit[] = [
  { id: "klienditeenindus", name: "Klienditeeninduse osakond" },
  { id: "personal", name: "Personaliosakond" },
];

export const demoPositions: Position[] = [
  { id: "kt-juht", title: "Klienditeeninduse juht", unitId: "klienditeenindus", substitutePositionIds: [] },
  {
    id: "tallinn-juht",
    title: "Tallinna klienditeeninduse juht",
    unitId: "klienditeenindus",
    managerPositionId: "kt-juht", // 1.3 Vahetu juht
    substitutePositionIds: ["piirkond-juht"], // 1.4 Kes asendab
  },
  {
    id: "piirkond-juht",
    title: "Piirkonna klienditeeninduse juht",
    unitId: "klienditeenindus",
    managerPositionId: "kt-juht",
    substitutePositionIds: ["tallinn-juht"], // 1.5: the Tallinn lead substitutes the regional lead
  },
  ...[1, 2, 3].map((n) => ({
    id: `tallinn-spetsialist-${n}`,
    title: "Klienditeeninduse spetsialist", // 1.6 Vahetud alluvad
    unitId: "klienditeenindus",
    managerPositionId: "tallinn-juht",
    substitutePositionIds: [],
    multipleHolders: true, // a customer service team: several specialists share the title
  })),
  { id: "personalipartner", title: "Personalipartner", unitId: "personal", substitutePositionIds: [] },
];

const person = (p: Partial<Employee> & Pick<Employee, "id" | "name" | "email">): Employee => ({
  locale: "et",
  startDate: "2019-09-02",
  regime: "ATS",
  probationExtensionWaived: false,
  roles: ["employee"],
  ...p,
});

export const demoEmployees: Employee[] = [
  person({
    id: "kadri-kask",
    name: "Kadri Kask",
    email: "kadri.kask@example.ee",
    positionId: "kt-juht",
    roles: ["lead"],
  }),
  person({
    id: "tiina-tamm",
    name: "Tiina Tamm",
    email: "tiina.tamm@example.ee",
    positionId: "tallinn-juht",
    roles: ["lead"],
  }),
  person({
    id: "peeter-parn",
    name: "Peeter Pärn",
    email: "peeter.parn@example.ee",
    positionId: "piirkond-juht",
    roles: ["lead"],
  }),
  person({
    id: "mari-maasikas",
    name: "Mari Maasikas",
    email: "mari.maasikas@example.ee",
    positionId: "tallinn-spetsialist-1",
    regime: "TLS",
    startDate: "2024-03-01",
  }),
  person({
    id: "olga-ivanova",
    name: "Olga Ivanova",
    email: "olga.ivanova@example.ee",
    locale: "en",
    positionId: "tallinn-spetsialist-2",
    regime: "TLS",
    startDate: "2025-01-06",
  }),
  person({
    id: "helena-org",
    name: "Helena Org",
    email: "helena.org@example.ee",
    positionId: "personalipartner",
    roles: ["hr"],
  }),
];

/** Loads the demo organisation into an empty store; does nothing when any unit exists. */
export async function seedDemoOrganisation(store: Store): Promise<boolean> {
  if ((await store.listUnits()).length > 0) return false;
  for (const unit of demoUnits) await store.putUnit(unit);
  for (const position of demoPositions) await store.putPosition(position);
  for (const employee of demoEmployees) await store.putEmployee(employee);
  const parsed = parseJobDescriptionMarkdown(readFileSync(seedFile, "utf8"));
  if (!parsed.ok) throw new Error("the bundled seed job description no longer parses");
  await store.putJobDescription("tallinn-juht", parsed.value);
  return true;
}

/** The next vacant specialist position, for the "register a demo hire" button. */
export async function vacantDemoPosition(store: Store): Promise<string | undefined> {
  const specialists = demoPositions.filter((p) => p.managerPositionId === "tallinn-juht");
  for (const position of specialists) {
    if ((await store.listEmployeesInPosition(position.id)).length === 0) return position.id;
  }
  return specialists.find((p) => p.multipleHolders)?.id;
}

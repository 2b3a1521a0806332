// The demo organisation split for info-session tests: under a root (the board), the customer
// service department (klienditeenindus) with two units, Tallinn (Tiina's, with Mari and Olga)
// and Tartu (Toomas, its lead, and Kati); Kadri heads the department, Peeter is its regional lead,
// HR (Helena) sits in another department. So a Tallinn summary goes to Mari and Olga (staff) and
// to Kadri, Peeter and Toomas (the department's other leads), and Kati may not read it.
import type { Employee } from "../../functions/core/model";
import type { Store } from "../../functions/core/ports";

const person = (p: Pick<Employee, "id" | "name" | "email" | "positionId" | "roles">): Employee => ({
  locale: "et",
  startDate: "2020-01-06",
  regime: "ATS",
  probationExtensionWaived: false,
  ...p,
});

export async function splitDemoOrganisation(store: Store) {
  await store.putUnit({ id: "amet", name: "Amet" });
  await store.putUnit({ id: "klienditeenindus", name: "Klienditeeninduse osakond", parentUnitId: "amet" });
  await store.putUnit({ id: "personal", name: "Personaliosakond", parentUnitId: "amet" });
  await store.putUnit({ id: "tallinn", name: "Tallinna klienditeenindus", parentUnitId: "klienditeenindus" });
  await store.putUnit({ id: "tartu", name: "Tartu klienditeenindus", parentUnitId: "klienditeenindus" });
  for (const position of await store.listPositions())
    if (position.id === "tallinn-juht" || position.id.startsWith("tallinn-spetsialist"))
      await store.putPosition({ ...position, unitId: "tallinn" });
  await store.putPosition({
    id: "tartu-juht",
    title: "Tartu klienditeeninduse juht",
    unitId: "tartu",
    managerPositionId: "kt-juht",
    substitutePositionIds: [],
  });
  await store.putPosition({
    id: "tartu-spetsialist",
    title: "Klienditeeninduse spetsialist",
    unitId: "tartu",
    managerPositionId: "tartu-juht",
    substitutePositionIds: [],
  });
  await store.putEmployee(
    person({
      id: "toomas-tali",
      name: "Toomas Tali",
      email: "toomas.tali@example.ee",
      positionId: "tartu-juht",
      roles: ["lead"],
    }),
  );
  await store.putEmployee(
    person({
      id: "kati-kuusk",
      name: "Kati Kuusk",
      email: "kati.kuusk@example.ee",
      positionId: "tartu-spetsialist",
      roles: ["employee"],
    }),
  );
}

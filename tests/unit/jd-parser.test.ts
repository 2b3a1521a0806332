import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  formatParseIssues,
  parseJobDescriptionMarkdown,
} from "../../functions/core/job-description/parse-markdown";

const seed = readFileSync(
  new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
  "utf8",
);
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

function errorsOf(text: string) {
  const result = parseJobDescriptionMarkdown(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
}

describe("the seed job description", () => {
  const result = parseJobDescriptionMarkdown(seed);
  if (!result.ok) throw new Error(formatParseIssues(result.errors));
  const jd = result.value;

  it("has the general part (1.1-1.6)", () => {
    expect(jd).toMatchObject({
      positionTitle: "Tallinna klienditeeninduse juht",
      unitName: "Klienditeeninduse osakond",
      managerTitle: "Klienditeeninduse juht",
      substitutedBy: "Piirkonna klienditeeninduse juht",
      substitutes: "Piirkonna klienditeeninduse juhti või klienditeeninduse juhti",
      directReports: "Klienditeeninduse spetsialistid",
    });
    expect(jd.purpose).toMatch(/^Ametikoha eesmärk on Sotsiaalkindlustusameti/);
  });

  it("has all 17 duties with their expected results, continuation rows included", () => {
    expect(jd.duties.map((d) => d.code)).toEqual(Array.from({ length: 17 }, (_, i) => `3.${i + 1}`));
    const d32 = jd.duties[1]!;
    expect(d32.text).toBe("Klienditeeninduse klienditeenindajate juhtimine ja arendamine, sh");
    expect(d32.details).toContain("tööalane kommunikatsioon");
    expect(d32.details).toHaveLength(5);
    expect(d32.expectedResults).toHaveLength(7);
    expect(d32.expectedResults.some((r) => r.startsWith("Tagatud on osakonnasisene koostöö"))).toBe(true);
    expect(jd.duties[8]!.text).toMatch(/^Klienditeeninduse klienditeenindajatele klienditoe andmine/);
    expect(jd.duties.every((d) => d.expectedResults.length > 0)).toBe(true);
    expect(jd.duties.reduce((n, d) => n + d.expectedResults.length, 0)).toBe(28);
  });

  it("has rights, responsibilities, tools and requirements with CEFR levels", () => {
    expect(jd.rights).toHaveLength(5);
    expect(jd.responsibilities).toHaveLength(5);
    expect(jd.tools).toMatch(/sülearvuti/);
    expect(jd.requirements.education).toBe("Soovitavalt magistritasemele vastav haridus.");
    expect(jd.requirements.languages).toEqual([
      { language: "et", level: "C1", required: true },
      { language: "en", level: "B1", required: false },
      { language: "ru", level: "B1", required: false },
    ]);
  });

  it("has 4 core competencies with behaviours and 9 additional ones", () => {
    const core = jd.competencies.filter((c) => c.kind === "core");
    expect(core.map((c) => [c.name, c.behaviours.length])).toEqual([
      ["Kliendikesksus", 4],
      ["Asjatundlikkus", 5],
      ["Meeskonnatöö", 5],
      ["Eestvedamine", 6],
    ]);
    const additional = jd.competencies.filter((c) => c.kind === "additional");
    expect(additional).toHaveLength(9);
    expect(additional[0]).toMatchObject({ name: "Suhtlemis- ja mõjutamisoskus" });
    expect(additional.at(-1)).toMatchObject({
      name: "Suhete loomise oskus",
      behaviours: ["On avatud ja sõbralik."],
    });
  });
});

describe("a malformed job description", () => {
  it("names the line of a duty without its code", () => {
    const text = seed.replace("| 3.5 Klienditeeninduse", "| Klienditeeninduse");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1); // once, not again on every later duty
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, "individuaalse tagasisidesüsteemi"),
        expected: "a duty row starting with a code like 3.1",
      }),
    );
  });

  it("names a duty code out of sequence", () => {
    const text = seed.replace("| 3.7 Regulaarsete", "| 3.9 Regulaarsete");
    expect(errorsOf(text)).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, "3.9 Regulaarsete"),
        expected: expect.stringContaining("3.7"),
      }),
    );
  });

  it("names a language level that is not CEFR", () => {
    const text = seed.replace("tasemel C1", "tasemel Z9");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      line: lineOf(text, "tasemel Z9"),
      expected: expect.stringContaining("CEFR"),
    });
  });

  it("requires the position title (1.1)", () => {
    const text = seed.replace("1.1 Ametnimetus", "Ametnimetus");
    expect(formatParseIssues(errorsOf(text))).toMatch(/1\.1 Ametnimetus/);
  });

  it("reports every missing section of a truncated file, at the end of the file", () => {
    const text = seed.slice(0, seed.indexOf("3. TEENISTUSKOHUSTUSED"));
    const errors = errorsOf(text);
    expect(errors.map((e) => e.expected)).toEqual(
      expect.arrayContaining(["section 3 (KOHUSTUSED)", "section 7 (NÕUDED)"]),
    );
    expect(errors.every((e) => e.found === "end of file")).toBe(true);
  });

  it("reports an unterminated table row and a continuation row before any duty", () => {
    const broken = seed.replace(/^(\| <p>3\.16.*)\|$/m, "$1");
    expect(errorsOf(broken)).toContainEqual(
      expect.objectContaining({ expected: "a table row that ends with '|'" }),
    );
    const orphan = seed.replace("| 3.1 Klienditeeninduse tegevuse", "| Klienditeeninduse tegevuse");
    expect(errorsOf(orphan)[0]!.expected).toMatch(/code like 3\.1/);
  });

  it("reports all problems at once, and an unknown section number", () => {
    const text = seed
      .replace("tasemel C1", "tasemel Q1")
      .replace("| 3.5 Klienditeeninduse", "| Klienditeeninduse")
      .replace("6. TÖÖVAHENDID", "9. TÖÖVAHENDID");
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.map((e) => e.expected).join("\n")).toContain("a section number from 1 to 7");
  });
});

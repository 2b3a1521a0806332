import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatParseIssues,
  parseJobDescriptionMarkdown,
} from "../../functions/core/job-description/parse-markdown";
import { positionTitles } from "../../functions/core/job-description/position-titles";

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

  // Section numbers are not checked any more ("9. TÖÖVAHENDID" is the tools section, numbered
  // differently); a section written twice still is.
  it("reports all problems at once, and a section written twice", () => {
    const text = seed
      .replace("tasemel C1", "tasemel Q1")
      .replace("| 3.5 Klienditeeninduse", "| Klienditeeninduse")
      .replace("6. TÖÖVAHENDID", "6. ÕIGUSED");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(3);
    expect(errors[1]).toMatchObject({
      line: lineOf(text, "6. ÕIGUSED"),
      expected: `section 4 (ÕIGUSED) only once; it starts already on line ${lineOf(text, "4. ÕIGUSED")}`,
    });
  });
});

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/job-descriptions/${name}`, import.meta.url), "utf8");

function parsed(text: string) {
  const result = parseJobDescriptionMarkdown(text);
  if (!result.ok) throw new Error(formatParseIssues(result.errors, result.omitted));
  return result;
}

describe("job descriptions of other templates", () => {
  it("reads Roman section numbers, '## ' headings, label/value rows, a code column and requirement lines", () => {
    const { value: jd, titles } = parsed(fixture("jurist-rooma-numbrid.md"));
    expect(jd).toMatchObject({ positionTitle: "Jurist", unitName: "Õigusosakond" });
    expect(jd.directReports).toBeUndefined();
    expect(jd.duties.map((d) => [d.code, d.expectedResults.length])).toEqual([
      ["2.1", 2],
      ["2.2", 2],
      ["2.3", 1],
    ]);
    expect(jd.duties[2]!.expectedResults[0]).toBe("Amet on kohtus esindatud & menetlustähtajad on peetud.");
    expect(jd.tools).toBeUndefined();
    expect(jd.requirements.languages).toEqual([
      { language: "et", level: "C1", required: true },
      { language: "en", level: "B2", required: true },
    ]);
    expect(jd.competencies.map((c) => [c.name, c.behaviours.length])).toEqual([
      ["Analüüsivõime", 2],
      ["Koostöö", 1],
    ]);
    expect(titles).toEqual({
      manager: ["Õigusosakonna juhataja"],
      substitutedBy: ["Vanemjurist", "Õigusosakonna juhataja"],
      substitutes: ["Vanemjuristi", "Teist juristi"],
      directReports: [],
    });
  });

  it("needs no purpose, tools or responsibilities, and reads sections numbered in another order", () => {
    const { value: jd, titles } = parsed(fixture("spetsialist-ilma-toovahenditeta.md"));
    expect(jd.positionTitle).toBe("Klienditeeninduse spetsialist");
    expect(jd.purpose).toBeUndefined();
    expect(jd.tools).toBeUndefined();
    expect(jd.rights).toEqual(["saada tööks vajalikku infot", "osaleda koolitustel"]);
    expect(jd.duties[1]).toMatchObject({
      code: "2.2",
      details: ["taotluse täitmine", "dokumentide kontroll"],
    });
    expect(jd.requirements.education).toBe("Keskharidus.");
    expect(jd.competencies.map((c) => c.kind)).toEqual(["core", "additional"]);
    expect(jd).not.toHaveProperty("substitutes");
    expect(jd).not.toHaveProperty("directReports");
    expect(titles.substitutedBy).toEqual(["Teine klienditeeninduse spetsialist", "Vanemspetsialist"]);
  });

  it("reads the seed without its sections 2, 4, 5 and 6", () => {
    const cut = (text: string, from: string, to: string) =>
      text.slice(0, text.indexOf(from)) + text.slice(text.indexOf(to));
    let text = cut(seed, "2. TEENISTUSKOHA EESMÄRK", "3. TEENISTUSKOHUSTUSED");
    text = cut(text, "4. ÕIGUSED", "7. AMETIKOHALE ESITATAVAD NÕUDED");
    const { value: jd } = parsed(text);
    expect(jd.duties).toHaveLength(17);
    expect(jd.rights).toEqual([]);
    expect(jd.tools).toBeUndefined();
  });

  it("finds sections by their words, whatever their numbers and case", () => {
    const text = seed
      .replace("1. ÜLDOSA", "I Üldosa")
      .replace("3. TEENISTUSKOHUSTUSED", "### Põhiülesanded")
      .replace("6. TÖÖVAHENDID", "9. TÖÖVAHENDID")
      .replace("7. AMETIKOHALE ESITATAVAD NÕUDED", "**KVALIFIKATSIOONINÕUDED**");
    const { value: jd } = parsed(text);
    expect(jd.duties).toHaveLength(17);
    expect(jd.tools).toMatch(/sülearvuti/);
    expect(jd.requirements.languages).toHaveLength(3);
  });
});

describe("the positions named in the general part", () => {
  it("lists the titles of 1.3, 1.4, 1.5 and 1.6, keeping the fields as written", () => {
    const result = parsed(seed);
    expect(result.value.substitutes).toBe("Piirkonna klienditeeninduse juhti või klienditeeninduse juhti");
    expect(result.titles).toEqual({
      manager: ["Klienditeeninduse juht"],
      substitutedBy: ["Piirkonna klienditeeninduse juht"],
      substitutes: ["Piirkonna klienditeeninduse juhti", "Klienditeeninduse juhti"],
      directReports: ["Klienditeeninduse spetsialistid"],
    });
  });

  it.each(["Puuduvad", "puudub.", "—", "-", "ei ole", "Pole", ""])("reads '%s' as nobody", (none) => {
    const text = seed
      .replace("| Klienditeeninduse spetsialistid |", `| ${none} |`)
      .replace("| Piirkonna klienditeeninduse juht |", `| ${none} |`)
      .replace("| Piirkonna klienditeeninduse juhti või klienditeeninduse juhti |", `| ${none} |`);
    const { value: jd, titles } = parsed(text);
    expect(jd.directReports).toBeUndefined();
    expect(jd.substitutedBy).toBeUndefined();
    expect(jd.substitutes).toBeUndefined();
    expect(titles).toMatchObject({ substitutedBy: [], substitutes: [], directReports: [] });
  });

  it("splits lists of titles on commas, semicolons, 'või' and 'ja', but not inside a title", () => {
    expect(positionTitles("Jurist, vanemjurist; õigusnõunik")).toEqual([
      "Jurist",
      "Vanemjurist",
      "Õigusnõunik",
    ]);
    expect(positionTitles("Raamatupidaja või sekretär ja/või assistent")).toEqual([
      "Raamatupidaja",
      "Sekretär",
      "Assistent",
    ]);
    expect(positionTitles("Personali- ja haldusosakonna juhataja")).toEqual([
      "Personali- ja haldusosakonna juhataja",
    ]);
    expect(positionTitles("Klienditeeninduse ja kommunikatsiooni osakonna juht")).toEqual([
      "Klienditeeninduse ja kommunikatsiooni osakonna juht",
    ]);
    expect(positionTitles("Spetsialisti või juhti")).toEqual(["Spetsialisti", "Juhti"]);
    expect(positionTitles("„Osakonna juhataja“.")).toEqual(["Osakonna juhataja"]);
    expect(positionTitles("Puuduvad")).toEqual([]);
  });
});

describe("problems are reported once each, where they are", () => {
  const linesIn = (text: string) => text.replace(/\n$/, "").split("\n").length;

  it("calls a duty code used twice a duplicate, once", () => {
    const text = seed.replace("| 3.6 Haldus", "| 3.5 Haldus");
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, "3.5 Haldus"),
        expected: `each duty code once: 3.5 is a duplicate of the duty on line ${lineOf(text, "| 3.5 Klienditeeninduse")}`,
      }),
    ]);
  });

  it("names an empty duty row as empty, on its own line", () => {
    const row = "| 3.18 |  |";
    const text = seed.replace(/^(\| <p>3\.17.*)$/m, `$1\n${row}`);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({ line: lineOf(text, row), expected: expect.stringMatching(/3\.18.*empty/) }),
    ]);
  });

  it("reports rows that lost their closing '|' once, naming the other lines", () => {
    const text = seed.replace(/^(\| (?:3\.|<p>3\.).*?) *\|$/gm, "$1");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      line: lineOf(text, "| 3.1 Klienditeeninduse"),
      expected: `a table row that ends with '|' (also on lines ${lineOf(text, "| 3.2 Klienditeeninduse")}, ${lineOf(text, "| 3.3 Klienditeeninduse")}, ${lineOf(text, "| 3.4 Klienditeeninduse")}, ${lineOf(text, "| 3.5 Klienditeeninduse")}, ${lineOf(text, "| 3.6 Haldus")} and 11 more)`,
    });
  });

  it("joins a row broken over two lines and reports it once", () => {
    const text = seed.replace(
      "3.4 Klienditeeninduse klienditeenindajate efektiivne",
      "3.4 Klienditeeninduse\nklienditeenindajate efektiivne",
    );
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, "| 3.4 Klienditeeninduse"),
        expected: `a table row on one line; this one goes on until line ${lineOf(text, "| 3.4 Klienditeeninduse") + 1}`,
      }),
    ]);
  });

  it("points a missing section at a heading it does not know, which is most likely that section misspelt", () => {
    const text = seed.replace("3. TEENISTUSKOHUSTUSED", "3. TEENISTUSKOHUSTSED");
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, "TEENISTUSKOHUSTSED"),
        expected: "section 3 (KOHUSTUSED); this heading is not one of the template's",
      }),
    ]);
  });

  it.each([
    [
      "the competencies' heading",
      "Tööks vajalikud kompetentsid\n",
      "- Huvitub",
      /section heading above this line/,
    ],
    [
      "the additional competencies' heading",
      "Täiendavad kompetentsid, isikuomadused ja teadmised\n",
      "- **Suhtlemis",
      /Täiendavad kompetentsid/,
    ],
    ["a requirement's header", "| Keeleoskus ", "| Valdab eesti", /requirement header/],
    [
      "a competency name's ':'",
      "Kliendikesksus:",
      "Kliendikesksus",
      /':' after the competency name 'Kliendikesksus'/,
    ],
  ])(
    "reports a file without %s once, and does not read its lines as something else",
    (_, removed, at, expected) => {
      const text = seed.replace(
        removed,
        removed.startsWith("|") ? "| " : removed.endsWith(":") ? removed.slice(0, -1) : "",
      );
      expect(errorsOf(text)).toEqual([
        expect.objectContaining({ line: lineOf(text, at), expected: expect.stringMatching(expected) }),
      ]);
    },
  );

  it("says so in one error when no section of a job description is found at all", () => {
    expect(errorsOf("# Meeting notes\n\n- one\n- two\n")).toEqual([
      expect.objectContaining({ line: 1, expected: expect.stringContaining("no section of one was found") }),
    ]);
  });

  it.each([
    ["a truncated file", seed.slice(0, seed.indexOf("3. TEENISTUSKOHUSTUSED"))],
    ["a file without a trailing newline", seed.slice(0, seed.indexOf("7. AMETIKOHALE")).trimEnd()],
    ["a file of blank lines", "\n\n\n"],
    ["an empty file", ""],
  ])("never names a line past the end of %s", (_, text) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.line).toBeLessThanOrEqual(Math.max(linesIn(text), 1));
  });
});

describe("a file that is not UTF-8", () => {
  const asUtf8 = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);
  const notUtf8 = (text: string) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(formatParseIssues(errors)).toMatch(/not UTF-8: save it as UTF-8/);
    return errors[0]!;
  };

  it("gets one error when saved as Windows-1257, at its first letter outside ASCII", () => {
    // Windows-1257 and Latin-1 agree on õ, ä, ö and ü.
    const bytes = Buffer.from(seed.replace(/[\u0100-\uffff]/g, "?"), "latin1");
    expect(notUtf8(asUtf8(bytes))).toMatchObject({
      line: lineOf(seed, "ÜLDOSA"),
      found: expect.stringMatching(/Windows-1257/),
    });
  });

  it("gets one error when saved as UTF-16, with or without a byte order mark", () => {
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, "utf16le")]);
    expect(notUtf8(asUtf8(littleEndian))).toMatchObject({ line: 1, found: "UTF-16 text" });
    const bigEndian = Buffer.from(seed, "utf16le").swap16();
    expect(notUtf8(asUtf8(bigEndian))).toMatchObject({ line: 1, found: "UTF-16 text" });
  });

  it("is not confused with UTF-8 that starts with a byte order mark", () => {
    const text = `\ufeff${seed}`;
    expect(parseJobDescriptionMarkdown(text).ok).toBe(true);
    expect(parseJobDescriptionMarkdown(asUtf8(Buffer.from(text))).ok).toBe(true);
  });
});

describe("any file", () => {
  const seedLines = seed.split("\n");
  /** The seed with a few lines deleted, repeated, or written over with arbitrary text. */
  const mangled = fc
    .array(
      fc.tuple(
        fc.constantFrom("delete", "repeat", "insert", "replace"),
        fc.nat(seedLines.length - 1),
        fc.string({
          unit: fc.constantFrom(
            "|",
            "-",
            "*",
            "▪",
            "<ul>",
            "3.1 ",
            "1.1 ",
            ":",
            " ",
            "\n",
            "a",
            "Ä",
            "\ufffd",
          ),
        }),
      ),
      { maxLength: 5 },
    )
    .map((edits) => {
      const lines = [...seedLines];
      for (const [edit, at, text] of edits) {
        const i = at % lines.length;
        if (edit === "delete") lines.splice(i, 1);
        else if (edit === "repeat") lines.splice(i, 0, lines[i]!);
        else if (edit === "insert") lines.splice(i, 0, text);
        else lines[i] = text;
      }
      return lines.join("\n");
    });

  it("is parsed without throwing, to a result or to at most 50 errors on lines of the file", () => {
    fc.assert(
      fc.property(mangled, (text) => {
        const result = parseJobDescriptionMarkdown(text);
        if (result.ok) return;
        const lastLine = Math.max(text.replace(/\n$/, "").split(/\r\n|\r|\n/).length, 1);
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.errors.length).toBeLessThanOrEqual(50);
        for (const error of result.errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(lastLine);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Job descriptions (ametijuhend) in the Markdown layout of the public-sector template our seed
// uses: numbered sections 1-7, Markdown tables with HTML lists inside cells, then competencies.
// Strict on purpose: a malformed file gets every problem reported with its line, and no result.
import { JobDescription, type LanguageRequirement } from "../model";
import { cellsOf, cleanText, isSeparatorRow, listItems, stripTags } from "./markdown";

export interface ParseIssue {
  line: number;
  expected: string;
  found: string;
}

export type ParseResult = { ok: true; value: JobDescription } | { ok: false; errors: ParseIssue[] };

const SECTIONS: Record<number, string> = {
  1: "ÜLDOSA",
  2: "EESMÄRK",
  3: "KOHUSTUSED",
  4: "ÕIGUSED",
  5: "VASTUTUS",
  6: "TÖÖVAHENDID",
  7: "NÕUDED",
};
const CORE_COMPETENCIES = /^tööks vajalikud kompetentsid/i;
const ADDITIONAL_COMPETENCIES = /^täiendavad kompetentsid/i;
const GENERAL_FIELDS: Record<string, keyof JobDescription> = {
  "1.1": "positionTitle",
  "1.2": "unitName",
  "1.3": "managerTitle",
  "1.4": "substitutedBy",
  "1.5": "substitutes",
  "1.6": "directReports",
};
const REQUIREMENT_HEADERS: Record<string, "education" | "experience" | "languageText" | "itSkills"> = {
  haridus: "education",
  töökogemus: "experience",
  keeleoskus: "languageText",
  "arvutikasutamise oskus": "itSkills",
};
const LANGUAGES: Record<string, string> = {
  eesti: "et",
  inglise: "en",
  vene: "ru",
  soome: "fi",
  saksa: "de",
  prantsuse: "fr",
  läti: "lv",
  leedu: "lt",
  rootsi: "sv",
  ukraina: "uk",
};

const excerpt = (line: string | undefined) =>
  line === undefined ? "end of file" : `'${line.trim().slice(0, 80)}'`;

type Mode =
  | { kind: "preamble" }
  | { kind: "section"; number: number }
  | { kind: "core" }
  | { kind: "additional" };

export function parseJobDescriptionMarkdown(text: string): ParseResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const issues: ParseIssue[] = [];
  const issue = (index: number, expected: string) =>
    issues.push({ line: index + 1, expected, found: excerpt(lines[index]) });

  const general: Partial<Record<keyof JobDescription, string>> = {};
  const duties: Array<{ code: string; text: string; details: string[]; expectedResults: string[] }> = [];
  const rights: string[] = [];
  const responsibilities: string[] = [];
  const paragraphs: Record<number, string[]> = { 2: [], 6: [] };
  const requirements: Partial<Record<"education" | "experience" | "languageText" | "itSkills", string>> = {};
  let languageLine = -1;
  const competencies: Array<{ name: string; kind: "core" | "additional"; behaviours: string[] }> = [];
  const seenSections = new Map<number, number>();

  let mode: Mode = { kind: "preamble" };
  let pendingLabels: { index: number; labels: Array<string | undefined> } | undefined;
  let pendingRequirement: keyof typeof requirements | undefined;
  let lastDutyNumber = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;

    const heading = /^(\d+)\.\s+(\p{Lu}[\p{Lu}\s,-]*)$/u.exec(line);
    if (heading) {
      const number = Number(heading[1]);
      if (!SECTIONS[number]) issue(i, "a section number from 1 to 7");
      else if (seenSections.has(number)) issue(i, `section ${number} only once`);
      else if ([...seenSections.keys()].some((n) => n > number))
        issue(i, `sections in order; section ${number} comes too late`);
      seenSections.set(number, i);
      mode = { kind: "section", number };
      pendingLabels = undefined;
      continue;
    }
    if (CORE_COMPETENCIES.test(line)) {
      mode = { kind: "core" };
      continue;
    }
    if (ADDITIONAL_COMPETENCIES.test(line)) {
      mode = { kind: "additional" };
      continue;
    }
    if (/^\(allkirjastatud/i.test(line)) continue;

    const isRow = line.startsWith("|");
    if (isRow && !/\|$/.test(line)) {
      issue(i, "a table row that ends with '|'");
      continue;
    }
    if (isRow && isSeparatorRow(line)) continue;

    if (mode.kind === "preamble") {
      if (!/^ametijuhend$/i.test(line)) issue(i, "the title AMETIJUHEND or section '1. ÜLDOSA'");
      continue;
    }

    if (mode.kind === "core") {
      const name = /^([^-].*):$/.exec(line);
      const bullet = /^[-*]\s+(.+)$/.exec(line);
      if (name) competencies.push({ name: cleanText(name[1]!), kind: "core", behaviours: [] });
      else if (bullet && competencies.at(-1)?.kind === "core")
        competencies.at(-1)!.behaviours.push(cleanText(bullet[1]!));
      else issue(i, "a competency name ending with ':' or a '- behaviour' line under it");
      continue;
    }

    if (mode.kind === "additional") {
      const entry = /^[-*]\s+\*\*(.+?)\*\*([^:]*):\s*(.+)$/.exec(line);
      if (entry)
        competencies.push({
          name: cleanText(entry[1]!),
          kind: "additional",
          behaviours: [cleanText(entry[3]!)],
        });
      else issue(i, "an additional competency as '- **Name**: description'");
      continue;
    }

    switch (mode.number) {
      case 1: {
        if (!isRow) {
          issue(i, "a table row of section 1 (1.1-1.6)");
          break;
        }
        const cells = cellsOf(line).map((c) => cleanText(stripTags(c)));
        const labels = cells.map((c) => /^(1\.\d)\s/.exec(c)?.[1]);
        if (labels.some(Boolean)) {
          for (const label of labels) if (label && !GENERAL_FIELDS[label]) issue(i, "a field 1.1 to 1.6");
          pendingLabels = { index: i, labels };
        } else if (pendingLabels) {
          pendingLabels.labels.forEach((label, col) => {
            const field = label && GENERAL_FIELDS[label];
            if (field && cells[col]) general[field] = cells[col];
            else if (field) issue(i, `a value for ${label} under its label`);
          });
          pendingLabels = undefined;
        } else if (cells.some(Boolean)) {
          issue(i, "a label row like '| 1.1 Ametnimetus |' before values");
        }
        break;
      }
      case 2:
      case 6:
        if (isRow) issue(i, `text, not a table, in section ${mode.number}`);
        else paragraphs[mode.number]!.push(cleanText(stripTags(line)));
        break;
      case 3: {
        if (!isRow) {
          issue(i, "a duty table row '| 3.N duty | expected results |'");
          break;
        }
        const cells = cellsOf(line);
        if (cells.length !== 2) {
          issue(i, "a duty row with two cells: duty and expected results");
          break;
        }
        const [dutyCell, resultsCell] = cells as [string, string];
        const dutyText = cleanText(stripTags(dutyCell));
        const results = listItems(resultsCell);
        if (/^põhiülesanded$/i.test(dutyText) || (!dutyText && !results.length)) break; // header or spacer row
        if (!dutyText) {
          if (duties.length === 0)
            issue(i, "a duty row starting with a code like 3.1 before continuation rows");
          else duties.at(-1)!.expectedResults.push(...results);
          break;
        }
        const code = /^(\d+\.\d+)\s+/.exec(dutyText);
        if (!code) {
          issue(i, "a duty row starting with a code like 3.1");
          lastDutyNumber++; // count it, so one missing code is reported once, not on every later row
          break;
        }
        const expectedCode = `3.${lastDutyNumber + 1}`;
        if (code[1] !== expectedCode)
          issue(i, `duty code ${expectedCode} (codes run 3.1, 3.2, ... without gaps)`);
        lastDutyNumber = Number(code[1]!.split(".")[1]);
        const [head, ...details] = dutyCell.split("▪");
        duties.push({
          code: code[1]!,
          text: cleanText(stripTags(head!)).slice(code[0].length).trim(),
          details: details.map((d) => cleanText(stripTags(d)).replace(/[;.]$/, "")).filter(Boolean),
          expectedResults: results,
        });
        if (results.length === 0) issue(i, `expected results for duty ${code[1]}`);
        break;
      }
      case 4:
      case 5: {
        const bullet = /^[-*]\s+(.+)$/.exec(line);
        if (bullet)
          (mode.number === 4 ? rights : responsibilities).push(cleanText(bullet[1]!).replace(/[;.]$/, ""));
        else if (!/:$/.test(line)) issue(i, "a '- item' line or an introduction ending with ':'");
        break;
      }
      case 7: {
        if (!isRow) {
          issue(i, "a requirements table row");
          break;
        }
        const cells = cellsOf(line).map((c) => cleanText(stripTags(c)));
        if (cells.every((c) => !c)) break;
        const header = REQUIREMENT_HEADERS[cells[0]!.toLowerCase()];
        if (header && cells.length === 1) pendingRequirement = header;
        else if (pendingRequirement) {
          requirements[pendingRequirement] = cells.join(" ");
          if (pendingRequirement === "languageText") languageLine = i;
          pendingRequirement = undefined;
        } else issue(i, "a requirement header (Haridus, Töökogemus, Keeleoskus, Arvutikasutamise oskus)");
        break;
      }
    }
  }

  const eof = lines.length;
  for (const [number, name] of Object.entries(SECTIONS)) {
    if (!seenSections.has(Number(number))) {
      issues.push({ line: eof, expected: `section ${number} (${name})`, found: "end of file" });
    }
  }
  if (seenSections.has(1)) {
    if (!general.positionTitle)
      issues.push({
        line: seenSections.get(1)! + 1,
        expected: "1.1 Ametnimetus with a value",
        found: "none",
      });
    if (!general.unitName)
      issues.push({
        line: seenSections.get(1)! + 1,
        expected: "1.2 Struktuuriüksus with a value",
        found: "none",
      });
  }
  if (seenSections.has(3) && duties.length === 0)
    issues.push({ line: seenSections.get(3)! + 1, expected: "at least one duty 3.1", found: "none" });

  const languages: LanguageRequirement[] = [];
  if (requirements.languageText) {
    for (const sentence of requirements.languageText.split(/(?<=\.)\s+/)) {
      const level = /tasemel\s+([^\s.,;]+)/i.exec(sentence);
      if (!level) continue;
      if (!/^[ABC][12]$/.test(level[1]!)) {
        issue(languageLine, `a CEFR level A1-C2 after 'tasemel', not '${level[1]}'`);
        continue;
      }
      const preferredPart = /soovitavalt([^)]*)/i.exec(sentence)?.[1] ?? "";
      for (const [word, code] of Object.entries(LANGUAGES)) {
        if (new RegExp(`(^|[\\s(])${word}(\\s|$)`, "i").test(sentence)) {
          languages.push({
            language: code,
            level: level[1] as LanguageRequirement["level"],
            required: !preferredPart.includes(word),
          });
        }
      }
    }
  }

  if (issues.length > 0) return { ok: false, errors: issues.sort((a, b) => a.line - b.line) };

  const candidate = {
    ...general,
    purpose: paragraphs[2]!.join(" ") || undefined,
    duties,
    rights,
    responsibilities,
    tools: paragraphs[6]!.join(" ") || undefined,
    requirements: { ...requirements, languages },
    competencies,
  };
  const parsed = JobDescription.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        line: eof,
        expected: `${i.path.join(".")}: ${i.message}`,
        found: "end of file",
      })),
    };
  }
  return { ok: true, value: parsed.data };
}

export function formatParseIssues(issues: ParseIssue[]): string {
  return issues.map((i) => `line ${i.line}: expected ${i.expected}, found ${i.found}`).join("\n");
}

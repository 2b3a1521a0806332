// The competency parts after the requirements: core competencies ("Name:" then "- behaviour"
// lines) and additional ones ("- **Name**: description").
import type { Competency } from "../model";
import { type Report, shortened } from "./issues";
import { bulletText, cleanText, plainText, unbold } from "./markdown";
import type { Line, SectionReader } from "./sections";

export interface CompetencyList extends SectionReader {
  competencies: Competency[];
  lines: number[];
}

const MAX_NAME_WORDS = 6;

/** A competency's name is a few words, not a sentence. */
function looksLikeName(text: string): boolean {
  if (!text || text.length > 80 || /[.!?;]$/.test(text)) return false;
  return text.split(" ", MAX_NAME_WORDS + 1).length <= MAX_NAME_WORDS;
}

/** "- **Name**, qualifier: description", "- **Name:** description", "- Name: description", "- Name". */
function namedEntry(item: string): { name: string; description: string } | { problem: string } | undefined {
  if (item.startsWith("**")) {
    const close = item.indexOf("**", 2);
    if (close === -1) return undefined;
    const bold = item.slice(2, close).trim();
    const boldColon = bold.endsWith(":");
    const name = cleanText(boldColon ? bold.slice(0, -1) : bold);
    const rest = item.slice(close + 2);
    const colon = boldColon ? -1 : rest.indexOf(":");
    if (!name) return undefined;
    // A qualifier before the colon ("**Suhtlemisoskus**, sh selge eneseväljendus: ...") stays at
    // the start of the description: nothing written is lost and the name still matches the catalogue.
    const qualifier = cleanText(rest.slice(0, Math.max(colon, 0)).replace(/^\s*,/, ""));
    const after = plainText(rest.slice(colon + 1));
    if (!boldColon && colon === -1 && cleanText(rest))
      return { problem: `a ':' between '**${shortened(name)}**' and its description` };
    return { name, description: qualifier && after ? `${qualifier}: ${after}` : after || qualifier };
  }
  const colon = item.indexOf(":");
  const name = cleanText(colon === -1 ? item : item.slice(0, colon));
  if (!looksLikeName(name)) return undefined;
  return { name, description: colon === -1 ? "" : plainText(item.slice(colon + 1)) };
}

/** Behaviours and descriptions gathered as parts and joined once, however many lines carry them on. */
function builder() {
  const competencies: Competency[] = [];
  const parts: string[][][] = [];
  const lines: number[] = [];
  return {
    competencies,
    lines,
    add(no: number, competency: Competency) {
      competencies.push(competency);
      parts.push(competency.behaviours.map((behaviour) => [behaviour]));
      lines.push(no);
    },
    last: () => competencies.at(-1),
    addBehaviour(text: string) {
      parts.at(-1)!.push([text]);
    },
    carryOn(text: string) {
      parts.at(-1)!.at(-1)!.push(text);
    },
    hasBehaviours: () => (parts.at(-1)?.length ?? 0) > 0,
    finish() {
      competencies.forEach((competency, i) => {
        competency.behaviours = parts[i]!.map((pieces) => cleanText(pieces.join(" "))).filter(Boolean);
      });
    },
  };
}

const nameLine = (text: string) => {
  const plain = unbold(text.replace(/^#{1,6}\s+/, ""));
  const name = plain.endsWith(":") ? cleanText(plain.slice(0, -1)) : undefined;
  return name && looksLikeName(name) ? name : undefined;
};

export function coreCompetencyReader(report: Report): CompetencyList {
  const list = builder();
  /** Whether the open competency was named on a line of its own, so its bullets are behaviours. */
  let named = false;
  const checkBehaviours = () => {
    const last = list.last();
    if (last && named && !list.hasBehaviours())
      report(list.lines.at(-1)!, `'- behaviour' lines under the competency '${last.name}'`);
  };
  const startNamed = (no: number, name: string) => {
    checkBehaviours();
    list.add(no, { name, kind: "core", behaviours: [] });
    named = true;
  };
  return {
    competencies: list.competencies,
    lines: list.lines,
    line({ no, text, raw }: Line) {
      const item = bulletText(text);
      if (item !== undefined) {
        const entry = namedEntry(item);
        const bold = item.startsWith("**") && entry !== undefined;
        // Behaviours are sentences; "- **Name**: description" under them is the additional list
        // whose heading went missing, and would otherwise become behaviours of the last competency.
        if (named && bold)
          report(
            no,
            "the heading 'Täiendavad kompetentsid' above competencies written as '- **Name**: description'",
          );
        else if (named) list.addBehaviour(plainText(item));
        else if (entry && "name" in entry)
          list.add(no, {
            name: entry.name,
            kind: "core",
            behaviours: entry.description ? [entry.description] : [],
          });
        else report(no, "a competency name ending with ':' before its '- behaviour' lines");
        return;
      }
      if (/^\s/.test(raw) && list.hasBehaviours()) {
        list.carryOn(plainText(text));
        return;
      }
      const name = nameLine(text);
      const bare = name === undefined && unbold(text.replace(/^#{1,6}\s+/, ""));
      if (name) startNamed(no, name);
      else if (bare && looksLikeName(bare)) {
        // Read as the name it plainly is, so that its behaviours are not reported one by one.
        report(no, `a ':' after the competency name '${shortened(bare)}'`);
        startNamed(no, bare);
      } else report(no, "a competency name ending with ':' or a '- behaviour' line under it");
    },
    end() {
      checkBehaviours();
      list.finish();
    },
  };
}

export function additionalCompetencyReader(report: Report): CompetencyList {
  const list = builder();
  return {
    competencies: list.competencies,
    lines: list.lines,
    line({ no, text, raw }: Line) {
      const item = bulletText(text);
      if (item === undefined) {
        if (/^\s/.test(raw) && list.last()) list.carryOn(plainText(text));
        else report(no, "an additional competency as '- **Name**: description'");
        return;
      }
      const entry = namedEntry(item);
      if (!entry) report(no, "an additional competency as '- **Name**: description'");
      else if ("problem" in entry) report(no, entry.problem);
      else {
        list.add(no, {
          name: entry.name,
          kind: "additional",
          behaviours: entry.description ? [entry.description] : [],
        });
        if (!entry.description) list.addBehaviour("");
      }
    },
    end: list.finish,
  };
}

// Job descriptions come from uploads: parsing must take time linear in the file's size, or one
// crafted line freezes the server (a 120 KB line of "- **a**a**..." once took 3.3 s). Each shape
// below targeted a pattern or loop that was, or could easily become, quadratic.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJobDescriptionMarkdown } from "../../functions/core/job-description/parse-markdown";

const seed = readFileSync(
  new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
  "utf8",
);

/** The seed with `added` put on its own line(s) right after the line that starts with `after`. */
function inSeed(after: string, added: string): string {
  const at = seed.indexOf("\n", seed.indexOf(after)) + 1;
  return `${seed.slice(0, at)}${added}\n${seed.slice(at)}`;
}

const DUTY = "| <p>3.17";
const COMPETENCY = "- **Suhete loomise oskus**";
const LANGUAGES = "| Valdab eesti keelt";
const GENERAL = "| Klienditeeninduse spetsialistid";
const RIGHTS = "- saada ligipääs";

/** Each shape of size n, and the n it is tried at: the sizes an attacker's upload reaches. */
const shapes: Array<[string, (n: number) => string, number]> = [
  [
    "a 120 KB '- **a**a**...' line in the additional competencies",
    (n) => inSeed(COMPETENCY, `- **${"a**".repeat(n)}`),
    40_000,
  ],
  ["the same line alone", (n) => `- **${"a**".repeat(n)}`, 40_000],
  ["a duty row of 100k cells", (n) => inSeed(DUTY, `| 3.18 duty ${"| a ".repeat(n)}|`), 100_000],
  ["a general part row of 100k labels", (n) => inSeed(GENERAL, `| ${"1.1 x | ".repeat(n)}`), 100_000],
  [
    "100k '<ul>' never closed in a duty",
    (n) => inSeed(DUTY, `| 3.18 duty ${"<ul>".repeat(n)} | ▪ result |`),
    100_000,
  ],
  [
    "'<ul <' and '<li' without '>'",
    (n) => inSeed(DUTY, `| 3.18 duty ${"<ul <".repeat(n)} | ${"<li".repeat(n)} |`),
    40_000,
  ],
  ["50k lines of '▪' among the competencies", (n) => inSeed(COMPETENCY, "▪\n".repeat(n)), 50_000],
  ["50k lines of '▪' alone", (n) => "▪\n".repeat(n), 50_000],
  [
    "'soovitavalt (' before a language",
    (n) => inSeed(LANGUAGES, `| ${"soovitavalt (".repeat(n)}eesti keelt tasemel B1 |`),
    20_000,
  ],
  [
    "'(soovitavalt)' before a language",
    (n) => inSeed(LANGUAGES, `| ${"(soovitavalt) ".repeat(n)}eesti keelt tasemel B1 |`),
    20_000,
  ],
  [
    "levels without a language",
    (n) => seed.replace("tasemel C1.", `tasemel C1. ${"tasemel C9 ".repeat(n)}`),
    20_000,
  ],
  [
    "unknown entities and huge '&#' codes",
    (n) => inSeed(DUTY, `| 3.18 ${"&#99999999;&zzzz".repeat(n)} | r |`),
    10_000,
  ],
  ["a continuation row of 200k results", (n) => inSeed(DUTY, `| | ${"▪ a".repeat(n)} |`), 200_000],
  ["a run of spaces", (n) => inSeed(RIGHTS, `- a${" ".repeat(n)}b;`), 200_000],
  ["table rows broken over lines", (n) => inSeed(DUTY, "| 3.18 a\nb |\n".repeat(n)), 10_000],
  ["rows without their closing '|'", (n) => inSeed(DUTY, "| 3.18 a | b\n".repeat(n)), 10_000],
  ["a duty code used again and again", (n) => inSeed(DUTY, "| 3.17 a | b |\n".repeat(n)), 10_000],
];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Milliseconds per parse, on the wall clock and in CPU time, over a batch of at least 30 ms. */
function msPerParse(text: string): { wall: number; cpu: number } {
  const [wall, cpu] = [performance.now(), cpuMs()];
  let runs = 0;
  do {
    parseJobDescriptionMarkdown(text);
    runs++;
  } while (performance.now() - wall < 30);
  return { wall: (performance.now() - wall) / runs, cpu: (cpuMs() - cpu) / runs };
}

/**
 * The fastest of five batches of each, taken in turns so that a busy moment of the machine hits
 * both sizes alike. CPU time is what the ratio compares: other processes on a shared machine
 * stretch wall time by however much they happen to run meanwhile.
 */
function timings(small: string, large: string) {
  const best = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }) => ({
    wall: Math.min(a.wall, b.wall),
    cpu: Math.min(a.cpu, b.cpu),
  });
  let [s, l] = [msPerParse(small), msPerParse(large)];
  for (let batch = 1; batch < 5; batch++) [s, l] = [best(s, msPerParse(small)), best(l, msPerParse(large))];
  return [s, l] as const;
}

describe("parsing time is linear in the file's size", () => {
  it.each(shapes)("%s", (_, shape, n) => {
    const [base, small, large] = [shape(0).length, shape(n / 4), shape(n)];
    expect(large.length - base).toBeGreaterThan(3.5 * (small.length - base));
    const [tSmall, tLarge] = timings(small, large);
    // Generous for a busy 2-core machine; the quadratic parser took 2-3 s here.
    expect(tLarge.wall).toBeLessThan(1000);
    // Linear work grows 4x, quadratic 16x; 8x and a few ms of slack absorb the noise.
    expect(tLarge.cpu).toBeLessThan(8 * tSmall.cpu + 5);
  });

  it("reports a flood of problems briefly: the first 50 and a count of the rest", () => {
    const rows = Array.from({ length: 200 }, (_, i) => `| 3.${18 + i} a duty without results | |`).join("\n");
    const result = parseJobDescriptionMarkdown(inSeed(DUTY, rows));
    if (result.ok) throw new Error("expected problems");
    expect(result.errors).toHaveLength(50);
    expect(result.omitted).toBe(150);
  });
});

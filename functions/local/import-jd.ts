// `npm run import:jd -- FILE [--position ID] [--dry-run] [--data-dir DIR]`: checks a job description in the seed's
// Markdown format and, unless --dry-run, stores it on a position through the running local system.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatParseIssues, parseJobDescriptionMarkdown } from "../core/job-description/parse-markdown";
import { devToken, runningSystemUrlOrExit } from "./state-file";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    position: { type: "string", default: "tallinn-juht" },
    "dry-run": { type: "boolean", default: false },
    "data-dir": { type: "string" },
  },
});

const file = positionals[0];
if (!file) {
  console.error("usage: npm run import:jd -- FILE [--position ID] [--dry-run] [--data-dir DIR]");
  process.exit(2);
}
let text: string;
try {
  // As bytes, decoded without failing: bytes that are not UTF-8 become U+FFFD, which the parser
  // reports as one clear "not UTF-8" error instead of garbled words on every line.
  text = new TextDecoder("utf-8").decode(readFileSync(file));
} catch (error) {
  console.error(`${file}: ${(error as Error).message}`);
  process.exit(2);
}
const parsed = parseJobDescriptionMarkdown(text);
if (!parsed.ok) {
  console.error(
    `${file}: not imported, nothing was stored.\n${formatParseIssues(parsed.errors, parsed.omitted)}`,
  );
  process.exit(1);
}
const jd = parsed.value;
console.log(
  `${file}: "${jd.positionTitle}" (${jd.unitName}): ${jd.duties.length} duties, ${jd.duties.reduce((n, d) => n + d.expectedResults.length, 0)} expected results, ${jd.competencies.length} competencies.`,
);
if (values["dry-run"]) process.exit(0);

const url = runningSystemUrlOrExit(values["data-dir"], "import again (or use --dry-run)");
const res = await fetch(`${url}/api/positions/${encodeURIComponent(values.position!)}/job-description`, {
  method: "PUT",
  headers: { authorization: `Bearer ${await devToken(url)}`, "content-type": "text/markdown; charset=utf-8" },
  body: text,
}).catch((error: Error) => {
  console.error(
    `The local system at ${url} did not answer (${error.message}); is \`npm start\` still running?`,
  );
  process.exit(1);
});
if (!res.ok) {
  console.error(`Import refused (${res.status}): ${await res.text()}`);
  process.exit(1);
}
console.log(`Stored on position ${values.position}.`);

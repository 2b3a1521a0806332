// The few Markdown/HTML shapes job descriptions use: pipe tables whose cells hold <ul> lists
// with "▪" bullets, and <p> wrappers. Exported from word processors, so entities and stray
// whitespace (non-breaking spaces included) are common.
//
// Every function here is linear in its input: the parser runs on uploaded files, and one
// backtracking pattern on a long line is enough to freeze the server. Patterns below never put
// two quantifiers that can match the same characters next to each other, and none can fail
// after scanning to the end of the line from more than one start position.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const MAX_CODE_POINT = 0x10ffff;

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const hex = name[1] === "x" || name[1] === "X";
    const code = hex ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    // fromCodePoint throws past U+10FFFF; a NUL would read as a binary file later.
    return code > 0 && code <= MAX_CODE_POINT ? String.fromCodePoint(code) : whole;
  });
}

export const cleanText = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Tags become spaces so that adjacent words stay apart. `[^<>]` rather than `[^>]`: with the
 * latter, a line of "<<<<..." makes every "<" scan to the end of the line.
 */
const withoutTags = (html: string) => (html.includes("<") ? html.replace(/<[^<>]*>/g, " ") : html);

/** Plain text of an HTML fragment. */
export const plainText = (html: string) => cleanText(decodeEntities(withoutTags(html)));

export const isTableRow = (line: string) => line.startsWith("|");

/** The cells of a `| a | b |` row, still holding their HTML. `\|` is a pipe inside a cell. */
export function cellsOf(row: string): string[] {
  const inner = row.trim().slice(1, row.trim().endsWith("|") ? -1 : undefined);
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\") i++;
    else if (inner[i] === "|") {
      cells.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(inner.slice(start));
  return cells.map((cell) => cell.replaceAll("\\|", "|").trim());
}

/** `|---|:--:|`: only pipes, dashes, colons and spaces, with at least one dash. */
export function isSeparatorRow(row: string): boolean {
  const text = row.trim();
  return text.startsWith("|") && text.includes("-") && /^[|:\-\s]+$/.test(text);
}

/** Marks that start a list item in a cell: "▪" and "•" as written, and <li> tags. */
const ITEM_MARK = "▪";
const withItemMarks = (html: string) =>
  html.includes("<")
    ? html.replace(/<li\b[^<>]*>/gi, ITEM_MARK).replaceAll("•", ITEM_MARK)
    : html.replaceAll("•", ITEM_MARK);

/** The items of a cell; a cell with text but no bullets is one item. */
export function listItems(cell: string): string[] {
  return plainText(withItemMarks(cell)).split(ITEM_MARK).map(cleanText).filter(Boolean);
}

/**
 * A cell of running text with a bullet list inside it ("... sh <ul>▪ a;▪ b</ul>"): the text
 * around the list, and the list's items. A list left open runs to the end of the cell.
 */
export function textAndList(cell: string): { text: string; items: string[] } {
  const open = /<ul\b[^<>]*>/gi.exec(cell);
  if (open) {
    const from = open.index + open[0].length;
    const close = /<\/ul\s*>/gi;
    close.lastIndex = from;
    const end = close.exec(cell);
    const to = end ? end.index : cell.length;
    const around = `${cell.slice(0, open.index)} ${end ? cell.slice(end.index + end[0].length) : ""}`;
    return { text: plainText(around), items: listItems(cell.slice(from, to)) };
  }
  const [head = "", ...items] = plainText(withItemMarks(cell)).split(ITEM_MARK);
  return { text: cleanText(head), items: items.map(cleanText).filter(Boolean) };
}

/** A list item's own text, without the ";" or "." that joins it to the next one. */
export function withoutListPunctuation(item: string): string {
  const text = item.trimEnd();
  return /[;.,]$/.test(text) ? text.slice(0, -1).trimEnd() : text;
}

const BULLET = /^(?:[-*+•▪–]|\d{1,3}[.)])\s/u;

/** The text of a list line ("- item", "• item", "1) item"), or undefined for any other line. */
export function bulletText(line: string): string | undefined {
  const bullet = BULLET.exec(line);
  return bullet ? line.slice(bullet[0].length).trim() : undefined;
}

/** Text without Markdown's bold markers. */
export const unbold = (text: string) => cleanText(text.replace(/\*\*|__/g, ""));

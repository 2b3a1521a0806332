// The few Markdown/HTML shapes job descriptions use: pipe tables whose cells hold <ul> lists
// with "▪" bullets, and <p> wrappers.

export const stripTags = (html: string) => html.replace(/<[^>]*>/g, " ");
export const cleanText = (text: string) => text.replace(/\s+/g, " ").trim();

/** The cells of a `| a | b |` row, untrimmed of inner HTML. */
export function cellsOf(row: string): string[] {
  return row
    .trim()
    .slice(1, -1)
    .split("|")
    .map((cell) => cell.trim());
}

export const isSeparatorRow = (row: string) => /^\|(\s*:?-+:?\s*\|)+$/.test(row.trim());

/** The "▪" items of a cell; a cell without bullets is one item. */
export function listItems(cell: string): string[] {
  const text = cleanText(stripTags(cell));
  if (!text) return [];
  return text
    .split("▪")
    .map((item) => cleanText(item))
    .filter(Boolean);
}

// The sections the product only keeps for reading: the purpose and the tools as running text,
// rights and responsibilities as lists. Templates write them as paragraphs, lists or one-cell
// tables, and none of those shapes is wrong, so these readers accept them all.
import { bulletText, cellsOf, isTableRow, plainText, withoutListPunctuation } from "./markdown";
import type { Line, SectionReader } from "./sections";

const textOf = (line: string) =>
  isTableRow(line) ? cellsOf(line).map(plainText).filter(Boolean).join(" ") : plainText(line);

/** Paragraphs joined into one text. */
export function paragraphReader(): SectionReader & { text(): string | undefined } {
  const paragraphs: string[] = [];
  return {
    line({ text }: Line) {
      const plain = textOf(bulletText(text) ?? text);
      if (plain) paragraphs.push(plain);
    },
    end() {},
    text: () => paragraphs.join(" ") || undefined,
  };
}

/**
 * "- item" lines, with introductions like "Omab õigust:" left out. A line without a bullet is an
 * item of its own, except an indented one, which carries on the item above it as Markdown reads it.
 */
export function listReader(): SectionReader & { items(): string[] } {
  const items: string[][] = [];
  return {
    line({ text, raw }: Line) {
      const bullet = bulletText(text);
      const plain = textOf(bullet ?? text);
      if (!plain) return;
      if (bullet === undefined && /^\s/.test(raw) && items.length > 0) items.at(-1)!.push(plain);
      else if (bullet === undefined && plain.endsWith(":")) return;
      else items.push([plain]);
    },
    end() {},
    items: () => items.map((parts) => withoutListPunctuation(parts.join(" "))).filter(Boolean),
  };
}

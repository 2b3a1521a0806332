// Reads a PDF's text back (pdf.js), so that tests check what a reader sees, not the bytes.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

export interface PageText {
  lines: string[];
  /** Right edge of the widest line, in points. */
  right: number;
  width: number;
}

export async function readPdf(
  bytes: Uint8Array,
): Promise<{ pages: PageText[]; text: string; title: string | undefined }> {
  const doc = await getDocument({
    data: bytes.slice(),
    standardFontDataUrl,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const lines: string[] = [];
    let right = 0;
    for (const item of content.items) {
      // pdf.js adds empty items where lines end; only drawn text counts.
      if (!("str" in item) || item.str === "") continue;
      lines.push(item.str);
      right = Math.max(right, item.transform[4] + item.width);
    }
    pages.push({ lines, right, width: page.view[2]! });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return {
    pages,
    text: pages.flatMap((p) => p.lines).join("\n"),
    title: (meta.info as { Title?: string }).Title,
  };
}

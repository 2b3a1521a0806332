// The file as lines, and the one check that comes before reading any of them: is it UTF-8 text.
//
// Callers decode bytes as UTF-8 without failing (Request.text(), TextDecoder, readFileSync with
// "utf8"), so a file in another encoding arrives here as text with traces of it: bytes that
// are not UTF-8 (Windows-1257 "ä", "õ", "ü") become U+FFFD, and UTF-16 puts a NUL beside every
// ASCII letter and starts with a byte order mark that is not UTF-8 either.

const LINE_BREAK = /\r\n|\r|\n/g;
/** NUL, the replacement character, and a byte order mark read the wrong way round. */
const NOT_UTF8 = ["\u0000", "\uFFFD", "\uFFFE"];

/** The file's lines as an editor numbers them; a UTF-8 byte order mark is not part of the text. */
export function linesOf(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // As spaces, U+2028/U+2029 cannot end a "." match early, and lines stay numbered as "\n" numbers them.
  const spaced = /[\u2028\u2029]/.test(body) ? body.replace(/[\u2028\u2029]/g, " ") : body;
  return spaced.split(LINE_BREAK);
}

export interface EncodingProblem {
  /** 1-based line of the first character that shows it. */
  line: number;
  /** What the file looks like instead. */
  found: string;
}

export function encodingProblem(text: string): EncodingProblem | undefined {
  const found = NOT_UTF8.map((char) => text.indexOf(char)).filter((at) => at !== -1);
  if (found.length === 0) return undefined;
  const at = Math.min(...found);
  const line = (text.slice(0, at).match(LINE_BREAK)?.length ?? 0) + 1;
  const utf16 = text[at] === "\uFFFE" || text.includes("\u0000");
  return {
    line,
    found: utf16 ? "UTF-16 text" : "characters in another encoding, such as Windows-1257 (ANSI)",
  };
}

// The general part names other positions by title (1.3 manager, 1.4 and 1.5 substitutes, 1.6
// direct reports), sometimes several in one cell ("Piirkonna klienditeeninduse juhti või
// klienditeeninduse juhti"), sometimes none ("Puuduvad"). Positions are linked by these titles.

const NONE = /^(puudu(b|vad)|ei ole|pole|ei|[-–—]+|n\/a)$/i;

/** Whether a field's value says there is nobody: "Puuduvad", "ei ole", "—", or nothing at all. */
export function meansNone(value: string | undefined): boolean {
  const text = (value ?? "").trim().replace(/\.$/, "").trim();
  return text === "" || NONE.test(text);
}

const CONJUNCTION = /^(ja|või|ning)$/i;

/**
 * The titles in a field, in the order written. Commas, semicolons and "/" always separate; "ja"
 * and "või" do too, except inside one title: "Personali- ja haldusosakonna juhataja" (a word
 * cut with "-") and "Klienditeeninduse ja kommunikatsiooni osakonna juht" (one word in the
 * genitive that qualifies the longer title after it). A heuristic: "Juhti või osakonna
 * juhatajat" stays one title. Case endings are kept
 * as written: 1.5 names positions in the partitive ("juhti"), which a linker compares by stem.
 */
export function positionTitles(value: string | undefined): string[] {
  if (meansNone(value)) return [];
  const titles: string[] = [];
  // Spaces collapsed first: "\s+" beside an alternative that fails rescans a long run of them.
  const text = value!.replace(/\s+/g, " ").replace(/ ja\/või /giu, " või ");
  for (const part of text.split(/ ?[,;/] ?/u)) {
    const pieces = part.split(/ (ja|või|ning) /iu);
    let current = pieces[0] ?? "";
    for (let i = 1; i + 1 < pieces.length; i += 2) {
      const [conjunction, next] = [pieces[i]!, pieces[i + 1]!];
      if (qualifiesNext(current, next)) current = `${current} ${conjunction} ${next}`;
      else {
        titles.push(current);
        current = next;
      }
    }
    titles.push(current);
  }
  const seen = new Set<string>();
  return titles
    .map(cleanTitle)
    .filter((title) => title && !meansNone(title) && !CONJUNCTION.test(title))
    .filter((title) => !seen.has(title.toLowerCase()) && seen.add(title.toLowerCase()));
}

function qualifiesNext(current: string, next: string): boolean {
  if (/\s/.test(current)) return false;
  if (current.endsWith("-")) return true;
  const nextWords = next.trim().split(" ");
  if (nextWords.length < 2) return false;
  // A list repeats its case ending ("Vanemjuristi või teist juristi"); a genitive qualifier does
  // not share it with the title's last word ("Klienditeeninduse ja ... osakonna juht").
  const genitive = /[aeiouõäöü]$/iu.test(current) && !/ja$/iu.test(current);
  return genitive && current.at(-1)!.toLowerCase() !== nextWords.at(-1)!.at(-1)?.toLowerCase();
}

const QUOTES = "\"'„“”«»";

function cleanTitle(title: string): string {
  let [from, to] = [0, title.length];
  while (from < to && (QUOTES.includes(title[from]!) || title[from] === " ")) from++;
  while (to > from && (QUOTES.includes(title[to - 1]!) || ". :".includes(title[to - 1]!))) to--;
  const text = title.slice(from, to);
  return text.charAt(0).toLocaleUpperCase("et") + text.slice(1);
}

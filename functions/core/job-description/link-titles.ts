// Job descriptions name the manager (1.3), the substitutes (1.4) and whom the position substitutes
// (1.5) by position title, in Estonian, sometimes inflected ("... juhti", partitive). Linking
// them to the organisation's positions is a matter of the title's stem; what matches nothing is
// reported, never dropped silently.
import type { Position } from "../model";

const normal = (title: string) => title.toLocaleLowerCase("et").replace(/\s+/g, " ").trim();

/** Estonian case endings a title in 1.5 may carry (partitive -t/-d/-i/-it/-id/-at, genitive -a). */
const ENDINGS = /(?:it|id|at|ad|t|d|i|a)$/;

function sameTitle(written: string, title: string): boolean {
  const a = normal(written);
  const b = normal(title);
  if (a === b) return true;
  const longer = a.length > b.length ? a : b;
  const shorter = a.length > b.length ? b : a;
  return (
    longer.startsWith(shorter) &&
    ENDINGS.test(longer.slice(shorter.length)) &&
    longer.length - shorter.length <= 2
  );
}

export interface TitleMatch {
  title: string;
  /** Every position with that title (several when a title has several positions). */
  positionIds: string[];
}

export interface PositionLinks {
  manager: TitleMatch[];
  substitutedBy: TitleMatch[];
  substitutes: TitleMatch[];
  /** Titles that matched no position: to create, or to correct in the job description. */
  unmatched: string[];
}

export function linkTitles(
  titles: { manager: string[]; substitutedBy: string[]; substitutes: string[] },
  positions: Position[],
  self: string,
): PositionLinks {
  const match = (title: string): TitleMatch => ({
    title,
    positionIds: positions.filter((p) => p.id !== self && sameTitle(title, p.title)).map((p) => p.id),
  });
  const manager = titles.manager.map(match);
  const substitutedBy = titles.substitutedBy.map(match);
  const substitutes = titles.substitutes.map(match);
  const unmatched = [...manager, ...substitutedBy, ...substitutes]
    .filter((m) => m.positionIds.length === 0)
    .map((m) => m.title);
  return { manager, substitutedBy, substitutes, unmatched };
}

// Times as UTC milliseconds, written the way documents write them. Formatting is on the generator's hot
// path (millions of events), so day strings are cached and minutes are assembled from parts.
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export function parseDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${day}`);
  return ms;
}

const dayCache = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_v, i) => String(i).padStart(2, '0'));

/** YYYY-MM-DD of a UTC time. */
export function isoDay(ms: number): string {
  const day = Math.floor(ms / DAY);
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(day, s);
  }
  return s;
}

/** YYYY-MM-DDTHH:MMZ of a UTC time. */
export function isoMinute(ms: number): string {
  const inDay = ms - Math.floor(ms / DAY) * DAY;
  return `${isoDay(ms)}T${TWO[Math.floor(inDay / HOUR)]}:${TWO[Math.floor((inDay % HOUR) / 60_000)]}Z`;
}

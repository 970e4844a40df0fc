// Times as UTC milliseconds, written the way documents write them.
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export function parseDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${day}`);
  return ms;
}

export const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
];

/**
 * "3 minutes ago" in the reader's language for anything within a month of `now`; an older (or future, a
 * skewed clock) time as its date, which says more than "7 months ago".
 */
export function relativeTime(iso: string, now: number, locale?: string): string {
  const then = new Date(iso).getTime();
  let amount = Math.round((now - then) / 1000);
  if (amount >= -60) {
    amount = Math.max(amount, 0);
    const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    for (const [unit, size] of UNITS) {
      if (amount < size) return format.format(-amount, unit);
      amount = Math.floor(amount / size);
    }
  }
  return new Date(then).toLocaleDateString(locale, { dateStyle: 'medium' });
}

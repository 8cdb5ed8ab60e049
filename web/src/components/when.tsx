import { useEffect, useState } from 'preact/hooks';
import { relativeTime } from '../text/relative-time';

const TICK_MS = 30_000;

/** A timestamp as "3 minutes ago", kept current while the page is open, with the exact ISO time on hover. */
export function When({ iso }: { iso: string }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={iso}>
      {relativeTime(iso, now)}
    </time>
  );
}

/** A loading state screen readers announce (role=status is polite, so it does not interrupt). */
export function Loading({ what = 'Loading…' }: { what?: string }) {
  return (
    <p class="muted" role="status">
      {what}
    </p>
  );
}

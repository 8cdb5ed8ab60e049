/** Ids we echo must be safe to put in headers and logs: no spaces, quotes or control characters. */
const SANE_ID = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

/**
 * The caller's x-request-id (or x-correlation-id) when it is sane enough to echo, else undefined (the shell
 * then mints one). Whatever needs the id beneath the request is handed it (`c.env.scope.requestId`), not given
 * it through AsyncLocalStorage, whose hooks would tax every promise of every request.
 */
export function givenRequestId(header: (name: string) => string | undefined): string | undefined {
  const id = header('x-request-id');
  if (id !== undefined && SANE_ID.test(id)) return id;
  const correlation = header('x-correlation-id');
  return correlation !== undefined && SANE_ID.test(correlation) ? correlation : undefined;
}

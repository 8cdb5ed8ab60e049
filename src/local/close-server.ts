/** What closing needs of a node:http server (@hono/node-server's and dynalite's are both one). */
interface ClosableServer {
  close(callback: () => void): unknown;
  closeIdleConnections?(): void;
  closeAllConnections?(): void;
}

/**
 * Stops accepting, lets the requests in flight finish (idle keep-alive sockets close at once) and cuts what
 * is still open after `graceMs`. What closes next must not be pulled from under a request still running:
 * dynalite closes its LevelDB on its server's 'close', and an operation running then throws "Database is
 * closed" out of dynalite, uncaught (seen when a stack closed right after a load burst).
 */
export function closeServer(server: ClosableServer, graceMs = 5_000): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections?.();
    setTimeout(() => server.closeAllConnections?.(), graceMs).unref();
  });
}

/** Pushes text frames to connections: API Gateway's management API in AWS, the local gateway locally. */
export interface PushGateway {
  /** 'gone' when the connection no longer exists (HTTP 410); throws on other failures. */
  send(connectionId: string, data: string): Promise<'delivered' | 'gone'>;
  /** Closes the connection from the server side; a connection already gone is not an error. */
  disconnect(connectionId: string): Promise<void>;
}

/** The gateway asked us to slow down (429): worth a retry after a pause. */
export class PushThrottledError extends Error {
  override name = 'PushThrottledError';
}

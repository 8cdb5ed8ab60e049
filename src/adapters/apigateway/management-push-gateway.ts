import { type PushGateway, PushThrottledError } from '../../domain/realtime/push.gateway.js';
import type { ManagementClient } from './management-client.js';

/** Names API Gateway (and AWS's generic throttling) gives a 429. */
const THROTTLED = new Set(['LimitExceededException', 'TooManyRequestsException', 'ThrottlingException']);

interface SdkErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Pushes frames through API Gateway's management API (`@connections`): the WebSocket API in AWS, the local
 * gateway's emulation of it locally. Translates the two answers the fan-out acts on — gone and throttled —
 * and rethrows the rest.
 */
export class ManagementApiPushGateway implements PushGateway {
  private readonly client: ManagementClient;

  constructor({ client }: { client: ManagementClient }) {
    this.client = client;
  }

  send(connectionId: string, data: string): Promise<'delivered' | 'gone'> {
    // The string goes as its UTF-8 bytes, which API Gateway delivers as one text frame. A `then`, not an
    // async function awaiting the post: one promise less for each of a fan-out's thousands of pushes.
    return this.client.post(connectionId, data).then(delivered, (error: unknown) => {
      if (isGone(error)) return 'gone';
      if (isThrottled(error)) {
        throw new PushThrottledError(`Pushing to connection ${connectionId} was throttled.`, {
          cause: error,
        });
      }
      throw error;
    });
  }

  async disconnect(connectionId: string): Promise<void> {
    try {
      await this.client.delete(connectionId);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
}

const delivered = () => 'delivered' as const;

/** 410: the client went away; the status alone suffices when a proxy drops the error type. */
function isGone(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as SdkErrorShape;
  return name === 'GoneException' || $metadata?.httpStatusCode === 410;
}

function isThrottled(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as SdkErrorShape;
  return (name !== undefined && THROTTLED.has(name)) || $metadata?.httpStatusCode === 429;
}

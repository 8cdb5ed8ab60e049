import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HttpV2Event, httpEvent } from '../../test/support/aws-events.js';

/** An HTTP API v2 event from AWS's own sample, aimed at one of our routes. */
export const apiEvent = (
  method: string,
  path: string,
  extra: Parameters<typeof httpEvent>[1] = { method, path },
) => httpEvent('py_apiGatewayProxyV2Event_GET', { ...extra, method, path });

/** Writes JSON for a probe to read, returning its path. */
export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

export type { HttpV2Event };

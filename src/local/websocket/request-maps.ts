import type { IncomingMessage } from 'node:http';
import { awsTraceId } from './aws-format.js';

export interface HeaderMaps {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
}

export interface QueryMaps {
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
}

/** API Gateway does not pass the hop-by-hop headers of the upgrade on to the integration. */
const HOP_BY_HOP = new Set(['connection', 'upgrade']);

/**
 * The upgrade request's headers as a $connect event carries them: names as the client spelled them, the
 * last value in the single-value map, and the X-Forwarded-* and trace headers API Gateway adds, so a
 * handler reading the caller's address finds it where it does in AWS.
 */
export function connectHeaders(req: IncomingMessage, sourceIp: string, now: number): HeaderMaps {
  const maps: HeaderMaps = { headers: {}, multiValueHeaders: {} };
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    const key = existingKey(maps, name) ?? name;
    const value = raw[i + 1] as string;
    maps.headers[key] = value;
    maps.multiValueHeaders[key] = [...(maps.multiValueHeaders[key] ?? []), value];
  }
  const forwardedFor = existingKey(maps, 'X-Forwarded-For');
  setHeader(maps, 'X-Forwarded-For', forwardedFor ? `${maps.headers[forwardedFor]}, ${sourceIp}` : sourceIp);
  setHeader(maps, 'X-Forwarded-Port', String(req.socket.localPort ?? ''));
  setHeader(maps, 'X-Forwarded-Proto', 'http');
  if (!existingKey(maps, 'X-Amzn-Trace-Id')) setHeader(maps, 'X-Amzn-Trace-Id', awsTraceId(now));
  return maps;
}

/**
 * The headers AWS puts on every $disconnect event, whatever the upgrade request carried (as in its
 * captured sample): the API's host and three empty placeholders.
 */
export function disconnectHeaders(domainName: string): HeaderMaps {
  const headers = { Host: domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return { headers, multiValueHeaders };
}

/**
 * The query string as a $connect event carries it, or undefined when there is none (AWS leaves the keys
 * out rather than sending empty maps). Repeated parameters are comma-joined in the single-value map.
 */
export function connectQuery(url: URL): QueryMaps | undefined {
  if (!url.search || url.search === '?') return undefined;
  const multi: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) multi[name] = [...(multi[name] ?? []), value];
  const single = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values.join(',')]));
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

function existingKey(maps: HeaderMaps, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(maps.headers).find((key) => key.toLowerCase() === lower);
}

function setHeader(maps: HeaderMaps, name: string, value: string): void {
  const key = existingKey(maps, name) ?? name;
  maps.headers[key] = value;
  maps.multiValueHeaders[key] = [value];
}

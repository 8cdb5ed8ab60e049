import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDocuments } from '../documents-over-http.js';

/**
 * Which credentials the thin client signs with, read off the requests it sends to a loopback server (dynalite
 * accepts any signature, so it cannot tell), and whether the signature is the one the SDK's signer computes.
 */
interface Received {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let endpoint: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** One GetItem signed by a client given `env` as the config hands it over (its endpoint too: no option, no local key). */
async function sentWith(env: Record<string, string>, endpointPath = ''): Promise<Received> {
  const documents = createHttpDocuments({
    region: 'eu-west-1',
    environment: { AWS_ENDPOINT_URL_DYNAMODB: `${endpoint}${endpointPath}`, ...env },
  });
  try {
    await documents.get({ TableName: 'blogapp', Key: { pk: 'a', sk: 'b' } });
  } finally {
    documents.destroy();
  }
  return received.at(-1) as Received;
}

const credentialOf = (headers: IncomingHttpHeaders) =>
  /Credential=([^/]+)\//.exec(String(headers.authorization))?.[1];

/** The Authorization the SDK's own signer gives the request the thin client sent, with the same date and headers. */
async function sdkAuthorization({ headers, body }: Pick<Received, 'headers' | 'body'>, path: string) {
  const signedNames = /SignedHeaders=([^,]+)/.exec(String(headers.authorization))?.[1]?.split(';') ?? [];
  const amzDate = String(headers['x-amz-date']);
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'ASIAENVIRONMENT', secretAccessKey: 'environment-secret' },
    region: 'eu-west-1',
    service: 'dynamodb',
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path,
      headers: Object.fromEntries(signedNames.map((name) => [name, String(headers[name])])),
      body,
    },
    {
      signingDate: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`,
      ),
      signableHeaders: new Set(signedNames),
    },
  );
  return signed.headers.authorization;
}

describe('thin client credentials', () => {
  it("signs with Lambda's environment credentials and session token, as the SDK's signer would", async () => {
    const { headers, body } = await sentWith({
      AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT',
      AWS_SECRET_ACCESS_KEY: 'environment-secret',
      AWS_SESSION_TOKEN: 'session-token',
    });
    expect(credentialOf(headers)).toBe('ASIAENVIRONMENT');
    expect(headers['x-amz-security-token']).toBe('session-token');
    expect(headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(body)).toEqual({ TableName: 'blogapp', Key: { pk: { S: 'a' }, sk: { S: 'b' } } });

    const signedNames = /SignedHeaders=([^,]+)/.exec(String(headers.authorization))?.[1]?.split(';') ?? [];
    expect(signedNames).toContain('x-amz-security-token');
    expect(headers.authorization).toBe(await sdkAuthorization({ headers, body }, '/'));
  });

  it("signs the endpoint's own path, as sent (a proxy's prefix)", async () => {
    const sent = await sentWith(
      { AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'environment-secret' },
      '/dynamodb',
    );
    expect(sent.url).toBe('/dynamodb');
    expect(sent.headers.authorization).toBe(await sdkAuthorization(sent, '/dynamodb'));
  });

  it("falls back to the SDK's provider chain, which finds a developer's profile", async () => {
    // With no keys handed over, the SDK's chain runs, reading the process's own environment as it does in the
    // SDK: pointed at a temporary profile here.
    const folder = await mkdtemp(join(tmpdir(), 'thin-credentials-'));
    const saved = { ...process.env };
    try {
      await writeFile(
        join(folder, 'credentials'),
        '[blogapp-dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n',
      );
      await writeFile(join(folder, 'config'), '');
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        delete process.env[name];
      Object.assign(process.env, {
        AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'),
        AWS_CONFIG_FILE: join(folder, 'config'),
        AWS_PROFILE: 'blogapp-dev',
      });
      const { headers } = await sentWith({});
      expect(credentialOf(headers)).toBe('AKIAPROFILE');
      expect(headers['x-amz-security-token']).toBeUndefined();
    } finally {
      process.env = saved;
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('signs with the given credentials before any in the environment', async () => {
    const documents = createHttpDocuments({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIAGIVEN', secretAccessKey: 'given' },
      environment: {
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT',
        AWS_SECRET_ACCESS_KEY: 'x',
      },
    });
    await documents.get({ TableName: 'blogapp', Key: { pk: 'a', sk: 'b' } });
    documents.destroy();
    expect(credentialOf((received.at(-1) as Received).headers)).toBe('AKIAGIVEN');
  });
});

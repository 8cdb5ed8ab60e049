import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amzDateOf, pathSigner, sha256Hex, sigV4Signature } from './sigv4.js';

/** What the AWS SDK's signer puts in the Authorization header for the same request, signed the same way. */
async function sdkSignature(input: {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  date: Date;
  secretAccessKey: string;
  region: string;
  service: string;
}): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: input.secretAccessKey },
    region: input.region,
    service: input.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'https:',
      hostname: input.headers.host ?? 'example.com',
      path: input.path,
      query: input.query,
      headers: input.headers,
      body: input.body,
    },
    { signingDate: input.date, signableHeaders: new Set(Object.keys(input.headers)) },
  );
  return /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? '';
}

const segment = fc.oneof(
  fc.constantFrom('local', '@connections', '.', '..', '', 'production'),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);
const headerValue = fc.string({ maxLength: 20 }).map((value) => value.replace(/[^\x20-\x7e\t]/g, 'x'));

describe('SigV4 signature', () => {
  it('is the one the AWS SDK’s signer computes, for any method, path, query, headers, body and date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'DELETE'),
          path: fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
          query: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }), {
            maxKeys: 3,
          }),
          extraHeaders: fc.dictionary(
            fc.constantFrom('content-type', 'x-amz-security-token', 'x-custom'),
            headerValue,
          ),
          body: fc.string({ maxLength: 200 }),
          date: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
          secretAccessKey: fc.string({ minLength: 1, maxLength: 40 }),
          region: fc.constantFrom('us-east-1', 'eu-west-3'),
        }),
        async (input) => {
          const date = new Date(Math.floor(input.date.getTime() / 1000) * 1000);
          const amzDate = amzDateOf(date);
          const headers = {
            ...input.extraHeaders,
            host: 'abc.execute-api.us-east-1.amazonaws.com',
            'x-amz-date': amzDate,
          };
          const ours = sigV4Signature(
            {
              method: input.method,
              path: input.path,
              query: input.query,
              headers,
              payloadHash: sha256Hex(input.body),
            },
            { secretAccessKey: input.secretAccessKey, amzDate, region: input.region, service: 'execute-api' },
          );
          const theirs = await sdkSignature({ ...input, headers, date, service: 'execute-api' });
          expect(ours).toBe(theirs);
        },
      ),
      // A fixed seed: every run checks the same requests.
      { seed: 16, numRuns: 300 },
    );
  });

  it('signs each path of a batch as the SDK signs that request alone (one signer reused, as a fan-out does)', async () => {
    const date = new Date('2026-11-29T22:30:00Z');
    const amzDate = amzDateOf(date);
    const headers = { host: 'abc.execute-api.eu-west-3.amazonaws.com', 'x-amz-date': amzDate };
    const body = '{"type":"comment.created"}';
    const request = { method: 'POST', headers, payloadHash: sha256Hex(body) };
    const scope = { secretAccessKey: 'secret', amzDate, region: 'eu-west-3', service: 'execute-api' };
    const sign = pathSigner(request, scope);
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), async (parts) => {
        const path = `/production/@connections/${parts.join('/')}`;
        const theirs = await sdkSignature({
          method: 'POST',
          path,
          query: {},
          headers,
          body,
          date,
          secretAccessKey: 'secret',
          region: 'eu-west-3',
          service: 'execute-api',
        });
        expect(sign(path)).toBe(theirs);
      }),
      { seed: 16, numRuns: 100 },
    );
  });

  it('signs paths of any length with one signer, each as a signer of its own would', () => {
    // The signer keeps one buffer for its canonical requests: it must grow for a long path, and a short one
    // after it must not hash the long one's leftovers.
    const amzDate = amzDateOf(new Date('2026-11-29T22:30:00Z'));
    const request = {
      method: 'POST',
      headers: { host: 'example.com', 'x-amz-date': amzDate },
      payloadHash: sha256Hex(''),
    };
    const scope = { secretAccessKey: 'secret', amzDate, region: 'eu-west-3', service: 'execute-api' };
    const sign = pathSigner(request, scope);
    const paths = [
      '/local/@connections/a',
      `/local/@connections/${'b%3D'.repeat(200)}`,
      '/local/@connections/c',
      '/x',
    ];
    for (const path of paths) expect(sign(path)).toBe(sigV4Signature({ ...request, path }, scope));
    expect(new Set(paths.map(sign)).size).toBe(paths.length);
  });

  it('signs a string to sign of any length, as long as a region far longer than any real one makes it', async () => {
    const date = new Date('2026-11-29T22:30:00Z');
    const amzDate = amzDateOf(date);
    const region = `region-${'x'.repeat(600)}`;
    const headers = { host: 'example.com', 'x-amz-date': amzDate };
    const ours = sigV4Signature(
      { method: 'GET', path: '/', headers, payloadHash: sha256Hex('') },
      { secretAccessKey: 'secret', amzDate, region, service: 'execute-api' },
    );
    const theirs = await sdkSignature({
      method: 'GET',
      path: '/',
      query: {},
      headers,
      body: '',
      date,
      secretAccessKey: 'secret',
      region,
      service: 'execute-api',
    });
    expect(ours).toBe(theirs);
  });

  it('formats x-amz-date as SigV4 wants it', () => {
    expect(amzDateOf(new Date('2026-11-29T19:55:07.123Z'))).toBe('20261129T195507Z');
  });
});

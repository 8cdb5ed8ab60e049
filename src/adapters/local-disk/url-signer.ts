import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC signatures for the local store's presigned URLs: what S3's SigV4 query signing is to S3. */
export class UrlSigner {
  constructor(private readonly secret: string) {}

  sign(...parts: (string | number)[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\n')).digest('base64url');
  }

  verify(signature: string, ...parts: (string | number)[]): boolean {
    const expected = Buffer.from(this.sign(...parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

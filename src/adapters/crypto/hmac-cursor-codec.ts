import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../../domain/shared/errors.js';
import type { CursorCodec, StoreKey } from '../../domain/shared/page.js';

const MAX_CURSOR_LENGTH = 2048;

/**
 * Cursors are `base64url(key JSON).base64url(HMAC-SHA256(scope, payload))`: opaque to clients, and any
 * edit — or reuse on another list — fails the MAC and is a 400 before the key gets near storage.
 */
export class HmacCursorCodec implements CursorCodec {
  constructor(private readonly secret: string | Buffer) {}

  encode(scope: string, key: StoreKey): string {
    const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
    return `${payload}.${this.mac(scope, payload)}`;
  }

  decode(scope: string, cursor: string): StoreKey {
    const [payload, mac, extra] = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
    if (!payload || !mac || extra !== undefined || !this.verify(scope, payload, mac)) throw badCursor();
    try {
      const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (key && typeof key === 'object' && !Array.isArray(key)) return key as StoreKey;
    } catch {
      // A valid MAC over bad JSON means the secret leaked or the codec changed; either way, not the caller's 500.
    }
    throw badCursor();
  }

  private mac(scope: string, payload: string): string {
    return createHmac('sha256', this.secret).update(scope).update('\0').update(payload).digest('base64url');
  }

  private verify(scope: string, payload: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(scope, payload));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function badCursor(): BadRequestError {
  return new BadRequestError('The cursor is not valid: use the nextCursor of a previous page unchanged.');
}

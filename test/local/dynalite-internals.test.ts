import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DYNALITE_INTERNALS, requirePrivate } from '../../src/local/dynalite-transactions.js';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * src/local/dynalite-transactions.ts reuses dynalite's validators and condition evaluator, which are not
 * dynalite's public API. These fail loudly — naming what to do — when an upgrade could have changed them.
 */
describe('dynalite’s private modules used for transactions', () => {
  it('come from the exact dynalite version package.json pins', () => {
    const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.dynalite;
    const installed = require('dynalite/package.json').version;
    expect(
      pinned,
      'dynalite must be pinned to one exact version (no ^ or ~): its internals are used',
    ).toMatch(/^\d+\.\d+\.\d+$/);
    expect(
      installed,
      `the installed dynalite is not the pinned ${pinned}: check src/local/dynalite-transactions.ts against it, then update the pin`,
    ).toBe(pinned);
  });

  it.each(Object.keys(DYNALITE_INTERNALS))('%s still exports what is used', (path) => {
    expect(() => requirePrivate(path)).not.toThrow();
  });

  it('refuses a module that no longer exports what is used, naming the way out', () => {
    DYNALITE_INTERNALS['dynalite/db/index.js']?.functions.push('aFunctionDynaliteNeverHad');
    try {
      expect(() => requirePrivate('dynalite/db/index.js')).toThrow(
        /no longer exports aFunctionDynaliteNeverHad.*pin dynalite/,
      );
    } finally {
      DYNALITE_INTERNALS['dynalite/db/index.js']?.functions.pop();
    }
  });
});

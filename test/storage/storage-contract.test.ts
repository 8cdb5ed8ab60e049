import { afterAll, beforeAll, describe } from 'vitest';
import { type OpenProvider, storageProviders } from '../support/storage-providers.js';
import { afterWritesContract } from './contract/after-writes.contract.js';
import { commentContract } from './contract/comments.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { favoriteContract } from './contract/favorites.contract.js';
import { idempotencyContract } from './contract/idempotency.contract.js';
import { postContract } from './contract/posts.contract.js';
import { authorNameContract, profileContract } from './contract/profiles.contract.js';

/**
 * What every storage provider promises the domain. The same tests run on each, so `memory` (fast tests,
 * demos) and `dynamodb` (AWS and the local stack) cannot drift apart.
 */
describe.each(storageProviders)('$name storage', (provider) => {
  let open: OpenProvider | undefined;
  beforeAll(async () => {
    open = await provider.open();
  });
  afterAll(async () => {
    await open?.close();
  });
  const fresh = () => {
    if (!open) throw new Error(`${provider.name} storage did not start`);
    return open.fresh();
  };

  describe('posts', () => postContract(fresh));
  describe('comments', () => commentContract(fresh));
  describe('favorites', () => favoriteContract(fresh));
  describe('idempotency', () => idempotencyContract(fresh));
  describe('profiles', () => profileContract(fresh));
  describe('authors’ names on what they write', () => authorNameContract(fresh));
  describe('under concurrency', () => concurrencyContract(fresh));
  describe('for the work after writes', () => afterWritesContract(fresh));
});

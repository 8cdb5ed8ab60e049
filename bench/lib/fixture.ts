import { ulidIds } from '../../src/adapters/crypto/ulid-ids.js';
import type { Post } from '../../src/domain/posts/post.js';

/** The posts every server in the bench serves: ours from its storage, the peers from what ours answered. */
export function benchPosts(count: number): Post[] {
  const ids = ulidIds();
  const at = new Date('2026-01-15T09:00:00.000Z').toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: ids.next(),
    authorId: `author-${i % 5}`,
    authorName: `Author ${i % 5}`,
    title: `Benchmark post ${i + 1}`,
    body: `A post of ordinary length for the benchmark, number ${i + 1}. `.repeat(8).trim(),
    tags: ['bench', `t${i % 3}`],
    imageKey: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    commentCount: 0,
    favoriteCount: 0,
  }));
}

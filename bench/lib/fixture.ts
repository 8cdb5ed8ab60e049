import type { Post } from '../../src/domain/posts/post.js';
import { aPost } from '../../test/support/storage-fixtures.js';

/** The posts every server in the bench serves: ours from its storage, the peers from what ours answered. */
export function benchPosts(count: number): Post[] {
  const at = new Date('2026-01-15T09:00:00.000Z').toISOString();
  return Array.from({ length: count }, (_, i) =>
    aPost({
      authorId: `author-${i % 5}`,
      authorName: `Author ${i % 5}`,
      title: `Benchmark post ${i + 1}`,
      body: `A post of ordinary length for the benchmark, number ${i + 1}. `.repeat(8).trim(),
      tags: ['bench', `t${i % 3}`],
      createdAt: at,
      updatedAt: at,
    }),
  );
}

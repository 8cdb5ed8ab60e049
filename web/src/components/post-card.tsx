import { useMemo } from 'preact/hooks';
import type { Post } from '../api/types';
import { links } from '../router';
import { excerpt } from '../text/markdown';
import { TagList } from './tag-list';
import { When } from './when';

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** One post in a list: title, author, when, the start of its text, tags, counts and its picture small. */
export function PostCard({ post }: { post: Post }) {
  const summary = useMemo(() => excerpt(post.body), [post.body]);
  return (
    <li class={post.imageUrl ? 'card with-thumb' : 'card'}>
      <div class="card-text">
        <h2>
          <a href={links.post(post.id)}>{post.title}</a>
        </h2>
        <p class="meta">
          by <a href={links.posts(post.authorId)}>{post.authorName}</a> · <When iso={post.createdAt} />
        </p>
        {summary && <p class="excerpt">{summary}</p>}
        <TagList tags={post.tags} />
        <p class="meta">
          {plural(post.commentCount, 'comment')} · {plural(post.favoriteCount, 'favorite')}
        </p>
      </div>
      {/* Decorative here: the title beside it is the link and says what the post is. */}
      {post.imageUrl && <img class="thumb" src={post.imageUrl} alt="" loading="lazy" />}
    </li>
  );
}

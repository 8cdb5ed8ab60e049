import { useApp } from '../app-context';
import { Comments } from '../components/comments';
import { DeletePost } from '../components/delete-post';
import { ErrorNotice } from '../components/error-notice';
import { FavoriteButton } from '../components/favorite-button';
import { Loading } from '../components/loading';
import { MarkdownBody } from '../components/markdown-body';
import { PageTitle } from '../components/page-title';
import { TagList } from '../components/tag-list';
import { When } from '../components/when';
import { links } from '../router';
import { useLoaded } from '../use-async';

/** One post: its picture, text, favorite toggle, the author's edit and delete, and the live comments. */
export function PostPage({ id }: { id: string }) {
  const { api, session } = useApp();
  // Re-read when the user changes: `favoritedByMe` is per reader.
  const loaded = useLoaded(() => api.getPost(id), [api, id, session.token]);
  if (loaded.loading && !loaded.value) return <Loading what="Loading the post…" />;
  if (loaded.error || !loaded.value) {
    return (
      <>
        <PageTitle text="Post unavailable" />
        {loaded.error && (
          <ErrorNotice
            error={loaded.error}
            onRetry={loaded.error.status === 404 ? undefined : loaded.reload}
          />
        )}
        <p>
          <a href={links.posts()}>← All posts</a>
        </p>
      </>
    );
  }
  const { post } = loaded.value;
  const mine = session.me?.id === post.authorId;
  return (
    <article class="post">
      <PageTitle text={post.title} />
      <p class="meta">
        by <a href={links.posts(post.authorId)}>{post.authorName}</a> · <When iso={post.createdAt} />
        {post.updatedAt !== post.createdAt && (
          <>
            {' '}
            · edited <When iso={post.updatedAt} />
          </>
        )}
      </p>
      {post.imageUrl && <img class="post-image" src={post.imageUrl} alt={`Attached to “${post.title}”`} />}
      <MarkdownBody source={post.body} />
      <TagList tags={post.tags} />
      <FavoriteButton
        post={post}
        onChange={(updated) => loaded.set({ post: updated, etag: loaded.value?.etag ?? null })}
      />
      {mine && (
        <div class="actions">
          <a class="button" href={links.edit(post.id)}>
            Edit
          </a>{' '}
          <DeletePost postId={post.id} />
        </div>
      )}
      <Comments post={post} />
    </article>
  );
}

import { useApp } from '../app-context';
import { PageTitle } from '../components/page-title';
import { PostList } from '../components/post-list';
import { links } from '../router';

/** The front page: every post, newest first, or one author's when `#/?author=<id>`. */
export function PostsPage({ author }: { author: string | null }) {
  const { api, session } = useApp();
  const mine = author !== null && author === session.me?.id;
  const title = author === null ? 'Posts' : mine ? 'My posts' : "One author's posts";
  return (
    <>
      <PageTitle text={title} />
      {author !== null && (
        <p>
          <a href={links.posts()}>← All posts</a>
        </p>
      )}
      <PostList
        label={title}
        load={(cursor) => api.listPosts(cursor, author ?? undefined)}
        // The token too: a list read with a token that then expired (401) reads again signed out.
        deps={[api, author, session.token]}
        empty={
          <p>
            No posts yet —{' '}
            {session.token ? (
              <a href={links.newPost()}>write the first one</a>
            ) : (
              <a href={links.signIn(links.newPost())}>sign in and write the first one</a>
            )}
            .
          </p>
        }
      />
    </>
  );
}

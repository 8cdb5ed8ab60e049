import { errorFromResponse } from './api-error';
import type { HttpClient } from './http';
import type { Comment, Health, Page, Post, PostInput, Profile, Upload } from './types';

export type BlogApi = ReturnType<typeof createBlogApi>;

const enc = encodeURIComponent;
const pageQuery = (cursor: string | null, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams(extra);
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
};

/** Every REST route of the contract the client uses, one function each. */
export function createBlogApi(http: HttpClient) {
  const data = async <T>(promise: Promise<{ data: T }>) => (await promise).data;
  return {
    health: () => data<Health>(http.call('GET', '/api/health', { auth: false })),
    devToken: (userId: string, name: string) =>
      data<{ token: string }>(http.call('POST', '/api/dev/token', { body: { userId, name }, auth: false })),

    listPosts: (cursor: string | null, author?: string) =>
      data<Page<Post>>(http.call('GET', `/api/posts${pageQuery(cursor, author ? { author } : {})}`)),
    /** The post and its ETag, which an edit sends back in If-Match so it cannot overwrite a newer version. */
    getPost: async (id: string) => {
      const { data: post, headers } = await http.call<Post>('GET', `/api/posts/${enc(id)}`);
      return { post, etag: headers.get('etag') };
    },
    createPost: (input: PostInput) => data<Post>(http.call('POST', '/api/posts', { body: input })),
    updatePost: (id: string, changes: Partial<PostInput>, etag: string | null) =>
      data<Post>(
        http.call('PATCH', `/api/posts/${enc(id)}`, {
          body: changes,
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      ),
    deletePost: (id: string) => data<null>(http.call('DELETE', `/api/posts/${enc(id)}`)),
    setFavorite: (id: string, on: boolean) =>
      data<null>(http.call(on ? 'PUT' : 'DELETE', `/api/posts/${enc(id)}/favorite`)),

    listComments: (postId: string, cursor: string | null) =>
      data<Page<Comment>>(http.call('GET', `/api/posts/${enc(postId)}/comments${pageQuery(cursor)}`)),
    addComment: (postId: string, body: string) =>
      data<Comment>(http.call('POST', `/api/posts/${enc(postId)}/comments`, { body: { body } })),
    deleteComment: (postId: string, commentId: string) =>
      data<null>(http.call('DELETE', `/api/posts/${enc(postId)}/comments/${enc(commentId)}`)),

    /** The signed-in user's profile, or, given a token, the profile of the user it names. */
    me: (token?: string) => data<Profile>(http.call('GET', '/api/me', token ? { token } : {})),
    updateMe: (displayName: string) =>
      data<Profile>(http.call('PATCH', '/api/me', { body: { displayName } })),
    myFavorites: (cursor: string | null) =>
      data<Page<Post>>(http.call('GET', `/api/me/favorites${pageQuery(cursor)}`)),

    /**
     * Uploads an image the way the contract asks: get a presigned PUT, send the bytes straight to storage
     * (never through the API), and return the key a post can then take as `imageKey`.
     */
    uploadImage: async (file: File) => {
      const upload = await data<Upload>(
        http.call('POST', '/api/uploads', { body: { contentType: file.type, size: file.size } }),
      );
      // The browser sets Content-Length itself from the body (it refuses to let scripts set it).
      const { 'Content-Length': _length, 'content-length': _lower, ...headers } = upload.headers;
      const response = await fetch(upload.uploadUrl, { method: upload.method, headers, body: file });
      if (!response.ok) throw await errorFromResponse(response);
      return upload.key;
    },
  };
}

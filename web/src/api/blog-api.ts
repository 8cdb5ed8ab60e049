import { errorFromResponse } from './api-error';
import { type HttpClient, unwrap } from './http';
import { type ApiSchemas, bearer } from './typed-client';
import type { PostChanges, PostInput } from './types';

export type BlogApi = ReturnType<typeof createBlogApi>;

/** A page request's query: the cursor of the previous page, when there was one. */
const page = (cursor: string | null) => (cursor ? { cursor } : {});

/** Every REST route of the contract the client uses, one function each, on the typed client. */
export function createBlogApi({ session, anonymous }: HttpClient) {
  const data = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>) =>
    (await unwrap(call)).data;
  const post = (id: string) => ({ path: { id } });
  return {
    health: () => data(anonymous.GET('/api/health')),
    devToken: (userId: string, name: string) =>
      data(anonymous.POST('/api/dev/token', { body: { userId, name } })),

    listPosts: (cursor: string | null, author?: string) =>
      data(
        session.GET('/api/posts', { params: { query: { ...page(cursor), ...(author ? { author } : {}) } } }),
      ),
    /** The post and its ETag, which an edit sends back in If-Match so it cannot overwrite a newer version. */
    getPost: async (id: string) => {
      const { data: found, headers } = await unwrap(session.GET('/api/posts/{id}', { params: post(id) }));
      return { post: found, etag: headers.get('etag') };
    },
    createPost: (input: PostInput) => data(session.POST('/api/posts', { body: input })),
    updatePost: (id: string, changes: PostChanges, etag: string | null) =>
      data(
        session.PATCH('/api/posts/{id}', {
          params: { ...post(id), header: etag ? { 'if-match': etag } : {} },
          body: changes,
        }),
      ),
    deletePost: (id: string) => data(session.DELETE('/api/posts/{id}', { params: post(id) })),
    setFavorite: (id: string, on: boolean) =>
      data(
        on
          ? session.PUT('/api/posts/{id}/favorite', { params: post(id) })
          : session.DELETE('/api/posts/{id}/favorite', { params: post(id) }),
      ),

    listComments: (postId: string, cursor: string | null) =>
      data(session.GET('/api/posts/{id}/comments', { params: { ...post(postId), query: page(cursor) } })),
    addComment: (postId: string, body: string) =>
      data(session.POST('/api/posts/{id}/comments', { params: post(postId), body: { body } })),
    deleteComment: (postId: string, commentId: string) =>
      data(
        session.DELETE('/api/posts/{id}/comments/{commentId}', {
          params: { path: { id: postId, commentId } },
        }),
      ),

    /** The signed-in user's profile, or, given a token, the profile of the user it names. */
    me: (token?: string) =>
      data(token ? anonymous.GET('/api/me', { headers: bearer(token) }) : session.GET('/api/me')),
    updateMe: (displayName: string) => data(session.PATCH('/api/me', { body: { displayName } })),
    myFavorites: (cursor: string | null) =>
      data(session.GET('/api/me/favorites', { params: { query: page(cursor) } })),

    /**
     * Uploads an image the way the contract asks: get a presigned PUT, send the bytes straight to storage
     * (never through the API), and return the key a post can then take as `imageKey`.
     */
    uploadImage: async (file: File) => {
      // The API refuses types it does not take (422) with a message the form shows.
      const contentType = file.type as ApiSchemas['UploadRequest']['contentType'];
      const upload = await data(session.POST('/api/uploads', { body: { contentType, size: file.size } }));
      // The browser sets Content-Length itself from the body (it refuses to let scripts set it).
      const { 'Content-Length': _length, 'content-length': _lower, ...headers } = upload.headers;
      const response = await fetch(upload.uploadUrl, { method: upload.method, headers, body: file });
      if (!response.ok) throw await errorFromResponse(response);
      return upload.key;
    },
  };
}

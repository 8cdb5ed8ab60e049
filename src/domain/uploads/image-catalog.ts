/** What posts need to know about uploaded images; the uploads feature implements it. */
export interface ImageCatalog {
  /**
   * Freezes `userId`'s upload at `key` for a post: its bytes as they are now are kept at a new key that no
   * upload URL can write, and judged there. Gives that key (the one the post keeps), or why the upload
   * cannot be used (missing, someone else's, not an image).
   */
  claim(userId: string, key: string): Promise<{ key: string } | { problem: string }>;
  /** No post shows the image any more: delete it. Never throws, as the post change has already happened. */
  discard(key: string): Promise<void>;
  /** A URL a client can GET the image from for at least an hour. */
  urlFor(key: string): Promise<string>;
}

/** The catalog of a deployment without uploads: no key is valid, so no post can carry one. */
export const noImages: ImageCatalog = {
  claim: async () => ({ problem: 'this deployment has no image uploads' }),
  discard: async () => {},
  urlFor: async (key) => {
    throw new Error(`no image store is configured for ${key}`);
  },
};

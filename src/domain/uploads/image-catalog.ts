/** What posts need to know about uploaded images; the uploads feature implements it. */
export interface ImageCatalog {
  /** Why `key` cannot be `userId`'s post image (missing, someone else's, not an image), or null when it can. */
  problemWith(userId: string, key: string): Promise<string | null>;
  /** A post now shows the image: keep it. */
  attach(key: string): Promise<void>;
  /** No post shows the image any more: delete it. Never throws, as the post change has already happened. */
  discard(key: string): Promise<void>;
  /** A URL a client can GET the image from for at least an hour. */
  urlFor(key: string): Promise<string>;
}

/** The catalog of a deployment without uploads: no key is valid, so no post can carry one. */
export const noImages: ImageCatalog = {
  problemWith: async () => 'this deployment has no image uploads',
  attach: async () => {},
  discard: async () => {},
  urlFor: async (key) => {
    throw new Error(`no image store is configured for ${key}`);
  },
};

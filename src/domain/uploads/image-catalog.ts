/** What posts need to know about uploaded images; the uploads feature implements it per storage. */
export interface ImageCatalog {
  /** Whether `key` names an uploaded image that belongs to `userId`. */
  isOwnedUpload(userId: string, key: string): Promise<boolean>;
  /** A URL a client can GET the image from for at least an hour. */
  urlFor(key: string): Promise<string>;
}

/** The catalog of a deployment without uploads: no key is valid, so no post can carry one. */
export const noImages: ImageCatalog = {
  isOwnedUpload: async () => false,
  urlFor: async (key) => {
    throw new Error(`no image store is configured for ${key}`);
  },
};

/** A URL that lets a client send the bytes straight to storage, and the headers it must send with them. */
export interface PresignedUpload {
  url: string;
  headers: Record<string, string>;
}

/** What storage knows of an uploaded object: enough to judge it without downloading it. */
export interface StoredImage {
  contentType: string;
  size: number;
  /** Its first bytes (SNIFF_BYTES, or fewer for a tinier file), for the magic-byte check. */
  head: Uint8Array;
}

/**
 * Where uploaded images live (S3 in AWS, files locally). Uploads start `pending` and expire, so abandoned
 * uploads clean themselves up; an image a post shows is a frozen copy that is kept.
 */
export interface ImageStore {
  /** A URL that accepts exactly one PUT of `size` bytes of `contentType` at `key` until `expiresAt`. */
  presignUpload(request: {
    key: string;
    contentType: string;
    size: number;
    expiresAt: Date;
  }): Promise<PresignedUpload>;
  /** The object at `key`, or null when nothing was uploaded there. */
  inspect(key: string): Promise<StoredImage | null>;
  /**
   * Copies the object at `from`, as it is now, to `to`, where it is kept (never expired); false when
   * nothing is stored at `from`. Later writes to `from` do not change `to`.
   */
  freeze(from: string, to: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /**
   * A URL that GETs the object until `expiresAt`, signed as at `signedAt` (now when absent), so that
   * the same arguments give the same URL.
   */
  presignDownload(key: string, expiresAt: Date, signedAt?: Date): Promise<string>;
}

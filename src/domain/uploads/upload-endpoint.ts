/**
 * The receiving side of presigned URLs, where the store itself does not serve them (S3 does in AWS; the
 * local stack's image store does through the API). The HTTP layer serves this port; an adapter implements it.
 */
export interface UploadEndpoint {
  receive(upload: IncomingUpload): Promise<void>;
  serve(key: string, expires: string | undefined, signature: string | undefined): Promise<ServedImage>;
}

/** What the upload endpoint hands over from a PUT to a presigned URL. */
export interface IncomingUpload {
  key: string;
  expires: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: AsyncIterable<Uint8Array> | null;
}

export interface ServedImage {
  contentType: string;
  size: number;
  stream: AsyncIterable<Uint8Array>;
}

import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SNIFF_BYTES } from '../../domain/uploads/image-rules.js';
import type { ImageStore, PresignedUpload, StoredImage } from '../../domain/uploads/image-store.js';
import { translated, translateSdkError } from '../aws/sdk-errors.js';

/** The bucket's lifecycle rule expires objects still tagged pending, i.e. uploads no post took. */
export const STATE_TAG = 'blogapp-state';
const PENDING = `${STATE_TAG}=pending`;
const ATTACHED = `${STATE_TAG}=attached`;
const UNAVAILABLE = 'Image storage is not answering right now; retry in a moment.';

/**
 * Uploaded images in S3. The presigned PUT signs Content-Type, Content-Length and the pending tag, so S3
 * itself refuses other bytes than the ones the API agreed to (a different type, a larger file): the limits
 * hold even though the bytes never pass through the API.
 */
export class S3ImageStore implements ImageStore {
  constructor(private readonly deps: { client: S3Client; bucket: string }) {}

  async presignUpload(request: {
    key: string;
    contentType: string;
    size: number;
    expiresAt: Date;
  }): Promise<PresignedUpload> {
    const command = new PutObjectCommand({
      Bucket: this.deps.bucket,
      Key: request.key,
      ContentType: request.contentType,
      ContentLength: request.size,
      Tagging: PENDING,
    });
    const url = await getSignedUrl(this.deps.client, command, {
      expiresIn: secondsUntil(request.expiresAt),
      signableHeaders: new Set(['content-type', 'content-length']),
      // Kept a header (not moved into the query) so that it is signed and must be sent as agreed.
      unhoistableHeaders: new Set(['x-amz-tagging']),
    });
    return {
      url,
      headers: {
        'Content-Type': request.contentType,
        'Content-Length': String(request.size),
        'x-amz-tagging': PENDING,
      },
    };
  }

  /** One ranged GET: the declared type, the full size (from Content-Range) and the first bytes. */
  async inspect(key: string): Promise<StoredImage | null> {
    try {
      const object = await this.deps.client.send(
        new GetObjectCommand({ Bucket: this.deps.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
      );
      const head = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      return {
        contentType: object.ContentType ?? 'application/octet-stream',
        size: total ? Number(total) : (object.ContentLength ?? head.length),
        head,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw translateSdkError(error, UNAVAILABLE);
    }
  }

  /**
   * One server-side copy: S3 copies the source as it is at that moment, so later PUTs to the upload URL
   * never reach the copy. The copy is retagged, so the lifecycle rule for pending uploads never expires it.
   */
  async freeze(from: string, to: string): Promise<boolean> {
    try {
      await this.deps.client.send(
        new CopyObjectCommand({
          Bucket: this.deps.bucket,
          Key: to,
          CopySource: `${this.deps.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'COPY',
          TaggingDirective: 'REPLACE',
          Tagging: ATTACHED,
        }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw translateSdkError(error, UNAVAILABLE);
    }
  }

  async remove(key: string): Promise<void> {
    await translated(
      this.deps.client.send(new DeleteObjectCommand({ Bucket: this.deps.bucket, Key: key })),
      UNAVAILABLE,
    );
  }

  presignDownload(key: string, expiresAt: Date, signedAt?: Date): Promise<string> {
    return getSignedUrl(this.deps.client, new GetObjectCommand({ Bucket: this.deps.bucket, Key: key }), {
      ...(signedAt ? { signingDate: signedAt } : {}),
      expiresIn: secondsUntil(expiresAt, signedAt),
    });
  }
}

function secondsUntil(date: Date, from?: Date): number {
  return Math.max(1, Math.round((date.getTime() - (from?.getTime() ?? Date.now())) / 1000));
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

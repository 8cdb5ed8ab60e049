import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Clock } from '../../domain/shared/clock.js';
import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../domain/shared/errors.js';
import {
  isImageKey,
  isUploadKey,
  MAX_IMAGE_BYTES,
  SNIFF_BYTES,
  sniffImageType,
} from '../../domain/uploads/image-rules.js';
import type { ImageStore, PresignedUpload, StoredImage } from '../../domain/uploads/image-store.js';
import type { IncomingUpload, ServedImage, UploadEndpoint } from '../../domain/uploads/upload-endpoint.js';
import { UrlSigner } from './url-signer.js';

interface Metadata {
  contentType: string;
  size: number;
  state: 'pending' | 'attached';
}

/**
 * Uploaded images as files under the data dir, behind URLs the local API serves and signs as S3 would:
 * a PUT URL binds key, type, size and expiry; a GET URL binds key and expiry. The bytes pass through this
 * process, so they are also checked here against the declared type, which S3 cannot do.
 */
export class LocalImageStore implements ImageStore, UploadEndpoint {
  private readonly root: string;
  private readonly signer: UrlSigner;

  constructor(private readonly deps: { dir: string; secret: string; publicUrl: string; clock: Clock }) {
    this.root = resolve(deps.dir);
    this.signer = new UrlSigner(deps.secret);
  }

  async presignUpload(request: {
    key: string;
    contentType: string;
    size: number;
    expiresAt: Date;
  }): Promise<PresignedUpload> {
    const expires = epochSeconds(request.expiresAt);
    const signature = this.signer.sign('PUT', request.key, request.contentType, request.size, expires);
    return {
      url: this.url(request.key, expires, signature),
      headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.size) },
    };
  }

  async inspect(key: string): Promise<StoredImage | null> {
    const meta = await this.metadata(key);
    if (!meta) return null;
    const file = await open(this.pathOf(key));
    try {
      const head = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
      return { contentType: meta.contentType, size: meta.size, head: head.slice(0, bytesRead) };
    } finally {
      await file.close();
    }
  }

  /** A copy of the file and its metadata, as they are now, kept (attached) under the new key. */
  async freeze(from: string, to: string): Promise<boolean> {
    const meta = await this.metadata(from);
    if (!meta) return false;
    const target = this.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    try {
      await copyFile(this.pathOf(from), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await this.writeMetadata(to, { ...meta, size: (await stat(target)).size, state: 'attached' });
    return true;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
    await rm(`${this.pathOf(key)}.json`, { force: true });
  }

  async presignDownload(key: string, expiresAt: Date): Promise<string> {
    const expires = epochSeconds(expiresAt);
    return this.url(key, expires, this.signer.sign('GET', key, expires));
  }

  /** A PUT to a presigned URL: refused unless it is exactly the upload that was signed, and an image. */
  async receive(upload: IncomingUpload): Promise<void> {
    this.assertKnownKey(upload.key);
    const size = Number(upload.contentLength);
    if (upload.contentLength === undefined || !Number.isSafeInteger(size) || size < 0) {
      throw new BadRequestError('Send the image with a Content-Length header.');
    }
    if (size > MAX_IMAGE_BYTES) {
      throw new PayloadTooLargeError(`Images are at most ${MAX_IMAGE_BYTES} bytes (5 MiB).`);
    }
    const contentType = upload.contentType ?? '';
    this.assertSigned(upload, 'PUT', upload.key, contentType, size);

    const target = this.pathOf(upload.key);
    const partial = `${target}.partial-${process.pid}-${Date.now()}`;
    await mkdir(dirname(target), { recursive: true });
    const file = await open(partial, 'w');
    try {
      let received = 0;
      const head: number[] = [];
      // Judged as soon as the signature bytes are in, so a lying file is refused before it is stored.
      let sniffed = false;
      for await (const chunk of upload.body ?? []) {
        received += chunk.length;
        if (received > size) throw new BadRequestError('The body is longer than its Content-Length.');
        if (!sniffed) {
          head.push(...chunk.subarray(0, SNIFF_BYTES - head.length));
          if (head.length >= SNIFF_BYTES) {
            assertIsA(contentType, head);
            sniffed = true;
          }
        }
        await file.write(chunk);
      }
      if (received !== size) throw new BadRequestError('The body is shorter than its Content-Length.');
      if (!sniffed) assertIsA(contentType, head);
      await file.close();
      await rename(partial, target);
      await this.writeMetadata(upload.key, { contentType, size, state: 'pending' });
    } catch (error) {
      await file.close().catch(() => {});
      await rm(partial, { force: true });
      throw error;
    }
  }

  /**
   * Deletes uploads still `pending` (never attached) that were stored more than `maxAgeMs` ago, as the
   * bucket's lifecycle rule expires them in AWS, and returns their keys. Attached images are never touched.
   */
  async expirePending(maxAgeMs: number): Promise<string[]> {
    const now = this.deps.clock.now().getTime();
    const expired: string[] = [];
    for (const metaFile of await metadataFiles(this.root)) {
      const key = relative(this.root, metaFile.slice(0, -'.json'.length)).split(sep).join('/');
      if (!isUploadKey(key)) continue;
      const meta = await this.metadata(key);
      // The image file's time is the upload's: attaching rewrites the metadata, never the image.
      const storedAt = await stat(this.pathOf(key)).then(
        (s) => s.mtimeMs,
        () => null,
      );
      if (meta?.state !== 'pending' || storedAt === null || now - storedAt < maxAgeMs) continue;
      await this.remove(key);
      expired.push(key);
    }
    return expired;
  }

  /** A GET of a presigned image URL. */
  async serve(key: string, expires: string | undefined, signature: string | undefined): Promise<ServedImage> {
    // Posts show frozen copies; upload keys are still readable for posts made before images were frozen.
    if (!isImageKey(key)) this.assertKnownKey(key);
    this.assertSigned({ expires, signature }, 'GET', key);
    const meta = await this.metadata(key);
    if (!meta) throw new NotFoundError('No image was uploaded with this key.');
    return { contentType: meta.contentType, size: meta.size, stream: createReadStream(this.pathOf(key)) };
  }

  private assertKnownKey(key: string): void {
    if (!isUploadKey(key)) throw new NotFoundError('No upload has this key.');
  }

  private assertSigned(
    given: { expires: string | undefined; signature: string | undefined },
    ...parts: (string | number)[]
  ): void {
    const expires = Number(given.expires);
    if (!given.signature || !Number.isSafeInteger(expires)) {
      throw new ForbiddenError('This URL is not signed; use the URL the API returned.');
    }
    if (!this.signer.verify(given.signature, ...parts, expires)) {
      throw new ForbiddenError(
        parts[0] === 'PUT'
          ? 'The signature does not match: send exactly the Content-Type and Content-Length the upload was requested with.'
          : 'The signature does not match; use the URL the API returned.',
      );
    }
    if (epochSeconds(this.deps.clock.now()) > expires) {
      throw new ForbiddenError(
        `This URL expired at ${new Date(expires * 1000).toISOString()}; ${parts[0] === 'PUT' ? 'ask POST /api/uploads for a new one' : 'read the post again for a fresh imageUrl'}.`,
      );
    }
  }

  private url(key: string, expires: number, signature: string): string {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${this.deps.publicUrl}/local-uploads/${path}?expires=${expires}&signature=${signature}`;
  }

  /** The file behind a key, never outside the store's directory whatever the key says. */
  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new NotFoundError('No upload has this key.');
    return path;
  }

  private async metadata(key: string): Promise<Metadata | null> {
    try {
      return JSON.parse(await readFile(`${this.pathOf(key)}.json`, 'utf8')) as Metadata;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private writeMetadata(key: string, meta: Metadata): Promise<void> {
    return writeFile(`${this.pathOf(key)}.json`, JSON.stringify(meta));
  }
}

/** Every `*.json` (an upload's metadata) under `dir`, at any depth; none when the dir does not exist yet. */
async function metadataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function assertIsA(contentType: string, head: number[]): void {
  if (sniffImageType(Uint8Array.from(head)) !== contentType) {
    throw new UnsupportedMediaTypeError(`The file is not a ${contentType} image.`);
  }
}

import type { Actor } from '../auth/actor.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { parseInput } from '../shared/validation.js';
import type { ImageCatalog } from './image-catalog.js';
import {
  IMAGE_TYPES,
  imagePrefix,
  isImageType,
  isUploadKey,
  MAX_IMAGE_BYTES,
  requestUploadInput,
  sniffImageType,
  uploadPrefix,
} from './image-rules.js';
import type { ImageStore, StoredImage } from './image-store.js';

/** Long enough to pick a file and send it on a slow line; short, so a leaked URL is soon useless. */
export const UPLOAD_URL_TTL_SECONDS = 10 * 60;
/** The contract promises an image URL works for at least an hour after the post was read. */
export const IMAGE_URL_TTL_SECONDS = 2 * 60 * 60;
/**
 * Image URLs are signed as at the start of the hour a read falls in, so every read in that hour gets the
 * same URL: a browser's cache, a CDN's and the post's kept JSON (json-memo.ts) then serve it again instead
 * of a new URL each second. Signed for two hours from the window's start, a URL still has at least an hour
 * to run after the window's last read.
 */
export const IMAGE_URL_WINDOW_SECONDS = 60 * 60;

export interface UploadTicket {
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

export interface UploadServiceDeps {
  store: ImageStore;
  clock: Clock;
  ids: IdGenerator;
  /** Told when an image could not be deleted; the post change stands, the image is only left behind. */
  onDiscardFailure?: (key: string, error: unknown) => void;
}

/**
 * Image uploads: hands out presigned URLs so bytes go straight to storage, never through the API, and
 * freezes and judges an upload when a post wants to show it — by owner, declared type, magic bytes and size.
 */
export class UploadService implements ImageCatalog {
  constructor(private readonly deps: UploadServiceDeps) {}

  async requestUpload(actor: Actor, input: unknown): Promise<UploadTicket> {
    const { contentType, size } = parseInput(requestUploadInput, input);
    const key = `${uploadPrefix(actor.userId)}${this.deps.ids.next().toLowerCase()}.${IMAGE_TYPES[contentType]}`;
    const expiresAt = this.after(UPLOAD_URL_TTL_SECONDS);
    const { url, headers } = await this.deps.store.presignUpload({ key, contentType, size, expiresAt });
    return { key, uploadUrl: url, method: 'PUT', headers, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The upload URL stays valid for minutes after a post takes the image, and in AWS its bytes are never
   * checked on the way in: so the bytes are copied to a key no upload URL can write, and judged there.
   * What was checked is what is served, whatever is PUT to the upload URL afterwards.
   */
  async claim(userId: string, key: string): Promise<{ key: string } | { problem: string }> {
    if (!isUploadKey(key) || !key.startsWith(uploadPrefix(userId))) {
      return { problem: 'must be the key of an upload you made (from POST /api/uploads)' };
    }
    const frozen = `${imagePrefix(userId)}${this.deps.ids.next().toLowerCase()}.${extensionOf(key)}`;
    if (!(await this.deps.store.freeze(key, frozen))) {
      return { problem: 'nothing was uploaded with this key; PUT the image to its uploadUrl first' };
    }
    const problem = judge(await this.deps.store.inspect(frozen));
    if (problem === null) return { key: frozen };
    await this.discard(frozen);
    return { problem };
  }

  async discard(key: string): Promise<void> {
    try {
      await this.deps.store.remove(key);
    } catch (error) {
      this.deps.onDiscardFailure?.(key, error);
    }
  }

  urlFor(key: string): Promise<string> {
    const now = this.deps.clock.now().getTime();
    const signedAt = now - (now % (IMAGE_URL_WINDOW_SECONDS * 1000));
    return this.deps.store.presignDownload(
      key,
      new Date(signedAt + IMAGE_URL_TTL_SECONDS * 1000),
      new Date(signedAt),
    );
  }

  private after(seconds: number): Date {
    return new Date(this.deps.clock.now().getTime() + seconds * 1000);
  }
}

/** Why stored bytes cannot be a post's image, or null when they can. */
function judge(stored: StoredImage | null): string | null {
  if (!stored) return 'nothing was uploaded with this key; PUT the image to its uploadUrl first';
  if (!isImageType(stored.contentType) || sniffImageType(stored.head) !== stored.contentType) {
    return `the uploaded file is not a ${stored.contentType} image`;
  }
  if (stored.size > MAX_IMAGE_BYTES) return 'the uploaded image is over 5 MiB';
  return null;
}

function extensionOf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

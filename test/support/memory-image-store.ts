import { SNIFF_BYTES } from '../../src/domain/uploads/image-rules.js';
import type { ImageStore, StoredImage } from '../../src/domain/uploads/image-store.js';

interface Entry {
  contentType: string;
  bytes: Uint8Array;
  state: 'pending' | 'attached';
}

/** An image store in a Map, for domain tests; `put` plays the client's PUT to the presigned URL. */
export class MemoryImageStore implements ImageStore {
  readonly objects = new Map<string, Entry>();

  put(key: string, contentType: string, bytes: Uint8Array): void {
    this.objects.set(key, { contentType, bytes, state: 'pending' });
  }

  async presignUpload(request: { key: string; contentType: string; size: number; expiresAt: Date }) {
    return {
      url: `https://uploads.test/${request.key}?expires=${request.expiresAt.toISOString()}`,
      headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.size) },
    };
  }

  async inspect(key: string): Promise<StoredImage | null> {
    const entry = this.objects.get(key);
    if (!entry) return null;
    return {
      contentType: entry.contentType,
      size: entry.bytes.length,
      head: entry.bytes.slice(0, SNIFF_BYTES),
    };
  }

  async freeze(from: string, to: string): Promise<boolean> {
    const entry = this.objects.get(from);
    if (!entry) return false;
    this.objects.set(to, { ...entry, bytes: entry.bytes.slice(), state: 'attached' });
    return true;
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async presignDownload(key: string, expiresAt: Date, signedAt = new Date()): Promise<string> {
    return `https://images.test/${key}?expires=${expiresAt.toISOString()}&signed=${signedAt.toISOString()}`;
  }
}

/** The smallest valid PNG signature plus padding: enough for the magic-byte check. */
export const PNG_HEAD = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

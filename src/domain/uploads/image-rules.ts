import * as z from 'zod/mini';
import { keySegment } from '../shared/key-segment.js';

/** The image types posts may carry, with the file extension their keys get. */
export const IMAGE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
} as const;

export type ImageType = keyof typeof IMAGE_TYPES;

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Bytes enough to tell every allowed type apart by its signature (WebP's sits at 8..11). */
export const SNIFF_BYTES = 16;

const imageTypes = Object.keys(IMAGE_TYPES) as [ImageType, ...ImageType[]];

const imagesOnly = `images only: ${imageTypes.join(', ')}`;

export const requestUploadInput = z.strictObject({
  // MIME types are case-insensitive (RFC 9110): `image/PNG` is a PNG, kept as the lowercase name.
  contentType: z.pipe(
    z.string({ error: imagesOnly }).check(z.toLowerCase()),
    z.enum(imageTypes, { error: imagesOnly }),
  ),
  size: z
    .number()
    .check(
      z.int(),
      z.minimum(1, 'an image has at least one byte'),
      z.maximum(MAX_IMAGE_BYTES, `images are at most ${MAX_IMAGE_BYTES} bytes (5 MiB)`),
    ),
});

export type RequestUploadInput = z.output<typeof requestUploadInput>;

export function isImageType(value: string): value is ImageType {
  return Object.hasOwn(IMAGE_TYPES, value);
}

/** The type a file's first bytes say it is, whatever it was declared as; null for anything else. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const starts = (offset: number, ...bytes: number[]) => bytes.every((b, i) => head[offset + i] === b);
  const ascii = (offset: number, text: string) => starts(offset, ...[...text].map((ch) => ch.charCodeAt(0)));
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/** Where a user's attached images are kept: no upload URL is ever signed for a key under it. */
export function imagePrefix(userId: string): string {
  return `images/${keySegment(userId)}/`;
}

/** Every upload of a user sits under one prefix, so ownership is read off the key itself. */
export function uploadPrefix(userId: string): string {
  return `uploads/${keySegment(userId)}/`;
}

/** Keys this service hands out, and nothing else: no `..`, no nesting, a known extension. */
const UPLOAD_KEY = /^uploads\/[^/]+\/[0-9a-z]{26}\.(?:jpg|png|webp|gif)$/;
const IMAGE_KEY = /^images\/[^/]+\/[0-9a-z]{26}\.(?:jpg|png|webp|gif)$/;

/** A key an upload URL is signed for. */
export function isUploadKey(key: string): boolean {
  return UPLOAD_KEY.test(key) && !isDotSegment(key.split('/')[1]);
}

/** A key of a frozen, attached image: only ever written by the API itself. */
export function isImageKey(key: string): boolean {
  return IMAGE_KEY.test(key) && !isDotSegment(key.split('/')[1]);
}

function isDotSegment(segment: string | undefined): boolean {
  return segment === '.' || segment === '..';
}

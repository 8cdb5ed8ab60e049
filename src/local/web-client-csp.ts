import type { Config } from '../config/config.js';

/** The origins the web client talks to besides its own: the WebSocket gateway, image storage, sign-in. */
export interface WebClientOrigins {
  websocket: string;
  images: string[];
  signIn: string[];
}

/**
 * The web client's Content-Security-Policy: scripts and styles from its own origin only (the build has no
 * inline code), requests only to its API (the same origin), the WebSocket gateway, image storage and the
 * sign-in provider. An injected `<script src>` from elsewhere does not run, and injected code that did
 * run could not send the user's token anywhere else.
 */
export function webClientCsp({ websocket, images, signIn }: WebClientOrigins): string {
  const list = (...sources: string[]) => [...new Set(sources)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // data: for the empty favicon, blob: for the preview of a picture about to be uploaded.
    `img-src ${list("'self'", 'data:', 'blob:', ...images)}`,
    `connect-src ${list("'self'", websocket, ...images, ...signIn)}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Where a client signs in with each provider (none for the local issuer: the API mints dev tokens). */
export function signInOrigins(auth: Config['auth']): string[] {
  switch (auth.provider) {
    case 'firebase':
      return ['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'];
    case 'cognito':
      return [`https://cognito-idp.${auth.region}.amazonaws.com`];
    default:
      return [];
  }
}

/** Where image URLs point: the local store's public URL, or the bucket (or its S3-compatible endpoint). */
export function imageOrigins(uploads: Config['uploads'], apiUrl: string): string[] {
  if (uploads.provider === 'local') return [new URL(uploads.publicUrl ?? apiUrl).origin];
  if (uploads.endpoint) return [new URL(uploads.endpoint).origin];
  return [`https://${uploads.bucket}.s3.${uploads.region}.amazonaws.com`];
}

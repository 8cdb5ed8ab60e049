import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { CommentService } from '../domain/comments/comment.service.js';
import type { FavoriteService } from '../domain/favorites/favorite.service.js';
import type { PostService } from '../domain/posts/post.service.js';
import type { ProfileService } from '../domain/profiles/profile.service.js';
import type { Storage } from '../domain/storage.js';
import type { UploadService } from '../domain/uploads/upload.service.js';
import type { UploadEndpoint } from '../domain/uploads/upload-endpoint.js';
import type { ShellDeps } from './app-shell.js';

/** The local issuer's surface the HTTP layer serves (dev tokens and their JWKS); absent outside `local`. */
export interface DevTokenIssuer {
  issue(input: { userId: string; name?: string }): Promise<string>;
  jwks(): { keys: object[] };
}

/** The local stack's stand-in for S3's side of presigned URLs; absent in AWS. */
export type LocalUploadEndpoint = UploadEndpoint;

/** What the API's HTTP app needs; the composition builds it for the API function and the local stack. */
export interface AppDeps extends ShellDeps {
  config: ShellDeps['config'] & Pick<Config, 'environment' | 'version' | 'exposeDocs'>;
  verifier: TokenVerifier;
  storage: Pick<Storage, 'ping'>;
  posts: PostService;
  comments: CommentService;
  favorites: FavoriteService;
  profiles: ProfileService;
  uploads: UploadService;
  localUploads?: LocalUploadEndpoint;
  devTokens?: DevTokenIssuer;
}

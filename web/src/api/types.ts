import type { ApiSchemas } from './typed-client';

/** The contract's resources, as the OpenAPI document defines them (generated: schema.d.ts). */
export type Post = ApiSchemas['Post'];
export type Comment = ApiSchemas['Comment'];
export type Profile = ApiSchemas['Profile'];
export type Health = ApiSchemas['Health'];
export type Upload = ApiSchemas['UploadTicket'];
export type PostInput = ApiSchemas['CreatePost'];
export type PostChanges = ApiSchemas['UpdatePost'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One entry of a 422's `details`. */
export interface FieldIssue {
  field: string;
  message: string;
}

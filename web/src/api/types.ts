/** The contract's resources (../shared/CONTRACT.md), as the client reads them. */
export interface Post {
  id: string;
  authorId: string;
  authorName: string;
  title: string;
  body: string;
  tags: string[];
  imageKey: string | null;
  imageUrl: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  commentCount: number;
  favoriteCount: number;
  favoritedByMe: boolean;
}

export interface Comment {
  id: string;
  postId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface Profile {
  id: string;
  displayName: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Health {
  status: string;
  environment: 'local' | 'development' | 'staging' | 'production';
  version: string;
}

export interface PostInput {
  title: string;
  body: string;
  tags: string[];
  imageKey?: string | null;
}

export interface Upload {
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** One entry of a 422's `details`. */
export interface FieldIssue {
  field: string;
  message: string;
}

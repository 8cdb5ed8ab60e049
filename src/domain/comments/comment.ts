import { z } from 'zod';

export interface Comment {
  id: string;
  postId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export const createCommentInput = z.strictObject({
  body: z.string().trim().min(1).max(2_000),
});
export type CreateCommentInput = z.output<typeof createCommentInput>;

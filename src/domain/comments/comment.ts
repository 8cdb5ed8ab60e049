import * as z from 'zod/mini';
import { visibleText } from '../shared/text.js';

export interface Comment {
  id: string;
  postId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export const createCommentInput = z.strictObject({
  body: visibleText(2_000),
});
export type CreateCommentInput = z.output<typeof createCommentInput>;

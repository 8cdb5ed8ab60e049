import type { Storage } from '../../domain/storage.js';
import { MemoryCommentRepository } from './comment.memory-repository.js';
import { MemoryConnectionStore } from './connection.memory-store.js';
import { MemoryFavoriteRepository } from './favorite.memory-repository.js';
import { emptyState } from './memory-state.js';
import { MemoryPostRepository } from './post.memory-repository.js';
import { MemoryProfileRepository } from './profile.memory-repository.js';

/** The `memory` provider: the dynamodb provider's behaviour without persistence, for fast tests and demos. */
export function createMemoryStorage(): Storage {
  const state = emptyState();
  return {
    posts: new MemoryPostRepository(state),
    comments: new MemoryCommentRepository(state),
    favorites: new MemoryFavoriteRepository(state),
    profiles: new MemoryProfileRepository(state),
    connections: new MemoryConnectionStore(),
    ping: async () => {},
    changes: {
      subscribe(listener) {
        state.listeners.add(listener);
        return () => state.listeners.delete(listener);
      },
    },
  };
}

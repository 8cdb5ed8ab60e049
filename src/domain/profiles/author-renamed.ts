import { ConflictError } from '../shared/errors.js';

/**
 * A post or comment stamped with a name its author no longer has, refused by the store. A process may know a
 * profile from before a rename another process made (profiles are remembered per process), and the rename's
 * copy to old items has run by then, so a stale stamp let through would stay wrong for good.
 */
export class AuthorRenamedError extends ConflictError {
  constructor(readonly currentName: string) {
    super('Your display name changed while this was being written; send it again.');
  }
}

/** A rename at each attempt would be someone renaming in a loop; past this many the caller hears 409. */
const ATTEMPTS = 3;

/** Runs `write` stamped with `name`, and again with the store's name for the author each time it was stale. */
export async function stampedWithCurrentName<T>(
  name: string,
  write: (name: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(name);
    } catch (error) {
      if (!(error instanceof AuthorRenamedError) || attempt >= ATTEMPTS) throw error;
      name = error.currentName;
    }
  }
}

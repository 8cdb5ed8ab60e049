import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/posts/<id>`): the local stack serves files as they are, with no fallback to index.html,
 * so the path part of the URL must always be `/`.
 */
export type Route =
  | { name: 'posts'; author: string | null }
  | { name: 'post'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'new' }
  | { name: 'profile' }
  | { name: 'sign-in'; next: string | null }
  | { name: 'not-found' };

export const links = {
  posts: (author?: string) => (author ? `#/?author=${encodeURIComponent(author)}` : '#/'),
  post: (id: string) => `#/posts/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/posts/${encodeURIComponent(id)}/edit`,
  newPost: () => '#/new',
  profile: () => '#/profile',
  /** The sign-in page, coming back to `next` (a hash) afterwards. */
  signIn: (next = location.hash) => `#/sign-in?next=${encodeURIComponent(next || '#/')}`,
};

export function parseRoute(hash: string): Route {
  const [path = '', queryText = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(queryText);
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found' }; // a malformed %-escape typed into the address bar
  }
  const [first, id, action] = parts;
  if (parts.length === 0) return { name: 'posts', author: query.get('author') };
  if (first === 'posts' && id && parts.length === 2) return { name: 'post', id };
  if (first === 'posts' && id && action === 'edit' && parts.length === 3) return { name: 'edit', id };
  if (first === 'new' && parts.length === 1) return { name: 'new' };
  if (first === 'profile' && parts.length === 1) return { name: 'profile' };
  if (first === 'sign-in' && parts.length === 1) return { name: 'sign-in', next: query.get('next') };
  return { name: 'not-found' };
}

/** The current route, following `hashchange`; `key` changes on every navigation, even to the same route. */
export function useRoute(): { route: Route; key: number } {
  const [state, setState] = useState(() => ({ route: parseRoute(location.hash), key: 0 }));
  useEffect(() => {
    const update = () => setState((s) => ({ route: parseRoute(location.hash), key: s.key + 1 }));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return state;
}

export function navigate(hash: string): void {
  location.hash = hash;
}

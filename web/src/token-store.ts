/** The signed-in user's token, kept in localStorage so a reload or a new tab stays signed in. */
const KEY = 'blogapp.token';

export const tokenStore = {
  get: (): string | null => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null; // storage disabled (private mode in some browsers): signed out, but the app still works
    }
  },
  set: (token: string) => {
    try {
      localStorage.setItem(KEY, token);
    } catch {
      // as above: the sign-in lasts until the page is closed
    }
  },
  clear: () => {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  },
};

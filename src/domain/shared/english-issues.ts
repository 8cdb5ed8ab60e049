import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini ships no messages (zod classic loads English when its first schema is made): without this every
 * issue would read "Invalid input", and the contract's 422 details name what is wrong in English. Imported
 * for its effect by whatever reports issues, so no parse can run before it.
 */
z.config(en());

import { createInterface } from 'node:readline/promises';

/** Asks on the terminal; only "y" or "yes" proceeds, so Enter alone keeps production as it is. */
export async function askYesNo(question: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await readline.question(question)).trim());
  } finally {
    readline.close();
  }
}

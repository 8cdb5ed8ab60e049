/**
 * Module hooks for the cold-start probe's counting run: appends the URL of every file Node loads to the file
 * named by BENCH_LOADED_FILES, so the bench can add up what a cold start really parses, lazy chunks
 * imported during init or the first requests included. Runs on Node's loader thread (module.register).
 */
import { appendFileSync } from 'node:fs';

type Next = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: Next): Promise<unknown> {
  const list = process.env.BENCH_LOADED_FILES;
  if (list && url.startsWith('file:')) appendFileSync(list, `${url}\n`);
  return next(url, context);
}

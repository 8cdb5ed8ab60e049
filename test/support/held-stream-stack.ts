/**
 * A local stack on embedded dynalite in the data dir given as the first argument, run as a process of its
 * own so a test can kill it (SIGKILL). Its stream is held back (a batching window of an hour), so whatever
 * the test writes is certainly undelivered when the process dies. Prints one JSON line once it is up, with
 * its pid: tsx runs this file in a process of its own, and SIGKILL, unlike SIGINT, is not relayed to it.
 */
import { startTestStack } from './test-stack.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: held-stream-stack.ts <data dir>');
const stack = await startTestStack('dynamodb', {}, dataDir, {
  streamOptions: { batchingWindowMs: 60 * 60 * 1000 },
});
process.stdout.write(`${JSON.stringify({ apiUrl: stack.apiUrl, pid: process.pid })}\n`);

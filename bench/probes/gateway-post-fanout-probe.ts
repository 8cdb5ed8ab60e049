/**
 * The fairer fan-out floor in its own process, as the bare ws floor runs in one: the local gateway, N
 * clients, and a loop of unsigned keep-alive POSTs to `@connections` at the full path's concurrency. After
 * one warm-up push, times one push until the last client has the frame. Prints {"ms": …, "cpuMs": …}.
 * Usage: node gateway-post-fanout-probe.mjs <count> <concurrency> <frame file>
 */
import { readFileSync } from 'node:fs';
import { startGatewayPostFanOut } from '../floors/gateway-post-fanout.js';
import { openClients } from '../lib/ws-clients.js';

const [count, concurrency, frameFile] = process.argv.slice(2);
const size = Number(count);
const frame = readFileSync(frameFile ?? '', 'utf8');
const floor = await startGatewayPostFanOut(Number(concurrency));
const clients = await openClients(floor.url, size);
await clients.trial(size, () => floor.push(frame));
const { ms, cpuMs } = await clients.trial(size, () => floor.push(frame));
process.stdout.write(`${JSON.stringify({ ms, cpuMs })}\n`);
process.exit(0);

/**
 * The fan-out floor in its own process (the gateway's clients and sockets already use half of the file
 * descriptors one process may hold): a bare `ws` server and N clients; after one warm-up push, times one
 * push of the frame until the last client has it. Prints {"ms": …, "cpuMs": …}.
 * Usage: node raw-fanout-probe.mjs <count> <frame file>
 */
import { readFileSync } from 'node:fs';
import { startRawFanOut } from '../floors/raw-ws-fanout.js';
import { openClients } from '../lib/ws-clients.js';

const [count, frameFile] = process.argv.slice(2);
const size = Number(count);
const frame = readFileSync(frameFile ?? '', 'utf8');
const raw = await startRawFanOut();
const clients = await openClients(raw.url, size);
await clients.trial(size, () => raw.push(frame, size));
const { ms, cpuMs } = await clients.trial(size, () => raw.push(frame, size));
process.stdout.write(`${JSON.stringify({ ms, cpuMs })}\n`);
process.exit(0);

/**
 * Suite 4, faults: storage goes away under load and comes back, while comments are being pushed to
 * WebSocket subscribers (some of whom vanish mid-push). Rules: /api/health turns 503 and back to 200 on its
 * own, every request answers within its bound (a success or 503 `unavailable` with Retry-After, nothing
 * else), no write is half-done, every write retried with its Idempotency-Key lands exactly once, and no
 * comment is lost from storage whatever happened to the pushes.
 */
import { startTestStack } from '../../test/support/test-stack.js';
import { BlockablePort } from '../support/blockable-port.js';
import { errorShapeViolations } from '../support/contract.js';
import { type Answer, call, sleep, waitFor } from '../support/http.js';
import { Latencies } from '../support/latency.js';
import { type Progress, quiet, type SuiteResult, Violations } from '../support/report.js';
import { RestartableDynamoDb } from '../support/restartable-dynamodb.js';
import { createPost, listAll, pool } from '../support/world.js';
import { openRaw } from './bad-input.js';

export interface FaultsOptions {
  /** Clients writing comments (with Idempotency-Key) and reading, all the time. */
  writers: number;
  /** Seconds of load before the outage and after recovery. */
  phaseSeconds: number;
  /** Seconds storage stays unreachable. */
  outageSeconds: number;
  /** WebSocket connections subscribed to the post being commented on. */
  subscribers: number;
  /**
   * How storage goes away: `stop` stops the dynalite server (connections refused), `blackhole` leaves the
   * port accepting connections that never answer (only bounded SDK timeouts keep requests from hanging).
   */
  outage?: 'stop' | 'blackhole';
  progress?: Progress;
}

/** How long /api/health may take to notice either way before the suite calls it a failure. */
const HEALTH_BOUND_MS = 20_000;

interface Intent {
  key: string;
  body: string;
  token: string;
  status: number;
  startedAt: number;
}

export async function runFaults(options: FaultsOptions): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const violations = new Violations();
  const outageLatencies = new Latencies();
  let requests = 0;
  let errors = 0;

  const outage = options.outage ?? 'stop';
  const db = await RestartableDynamoDb.start();
  const relay = await BlockablePort.start(db.endpoint);
  // Pushes come from the stopped-and-restarted server's stream, as they would from DynamoDB's.
  const stack = await startTestStack(
    'dynamodb',
    {
      APP_DYNAMODB_ENDPOINT: outage === 'stop' ? db.endpoint : relay.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-faults',
    },
    undefined,
    { streams: db.streams },
  );
  const base = stack.apiUrl;
  const sockets: Awaited<ReturnType<typeof openRaw>>[] = [];
  try {
    const tokens = await Promise.all(
      Array.from({ length: options.writers }, (_, i) => stack.token(`writer${i}`)),
    );
    const postId = (await createPost(base, tokens[0] as string)).id;
    for (let i = 0; i < options.subscribers; i++) {
      const socket = await openRaw(stack.wsUrl);
      socket.ws.send(JSON.stringify({ action: 'subscribe', postId }));
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => s.next(10_000)));

    const intents: Intent[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    let recoveredAt = Number.POSITIVE_INFINITY;
    let fastFailures: string | undefined;
    let stop = false;

    const judge = (answer: Answer, what: string, allowed: number[], startedAt: number) => {
      requests++;
      if (phase === 'outage') outageLatencies.add(answer.ms);
      const problems = errorShapeViolations(answer);
      // After health says 200 again, what starts must succeed: recovery needs no restart.
      const mayFail = startedAt < recoveredAt;
      if (answer.status === 503 && mayFail) {
        if (answer.body?.error?.code !== 'unavailable') problems.push('503 without code unavailable');
      } else if (!allowed.includes(answer.status)) {
        problems.push(`status ${answer.status} ${answer.text.slice(0, 120)}`);
      }
      if (problems.length > 0) {
        errors++;
        for (const p of problems) violations.add(`${phase}: ${what}: ${p}`);
      }
    };

    const writer = async (w: number) => {
      const token = tokens[w] as string;
      for (let n = 0; !stop; n++) {
        const intent: Intent = {
          key: `w${w}-${n}`,
          body: `writer ${w} comment ${n}`,
          token,
          status: 0,
          startedAt: Date.now(),
        };
        intents.push(intent);
        const answer = await call(base, 'POST', `/api/posts/${postId}/comments`, {
          token,
          body: { body: intent.body },
          headers: { 'idempotency-key': intent.key },
        });
        intent.status = answer.status;
        judge(answer, `comment ${intent.key}`, [201], intent.startedAt);
        const readStarted = Date.now();
        judge(await call(base, 'GET', `/api/posts/${postId}`), 'read the post', [200], readStarted);
        if (phase === 'outage') await sleep(50);
      }
    };

    progress(`faults: ${options.writers} writers, ${options.subscribers} subscribers, storage up`);
    const load = Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
    await sleep((options.phaseSeconds * 1000) / 2);
    // Half the subscribers vanish without a close frame while pushes are in flight: their pushes fail.
    for (const socket of sockets.slice(0, Math.floor(sockets.length / 2))) socket.ws.terminate();
    await sleep((options.phaseSeconds * 1000) / 2);

    progress(`faults: storage ${outage === 'stop' ? 'stopped' : 'black-holed'}`);
    phase = 'outage';
    if (outage === 'stop') await db.stop();
    else relay.blackhole();
    const detectedMs = await waitFor(
      async () => (await call(base, 'GET', '/api/health')).status === 503,
      HEALTH_BOUND_MS,
    );
    if (detectedMs === undefined)
      violations.add(`/api/health did not say 503 within ${HEALTH_BOUND_MS} ms of the outage`);
    const health = await call(base, 'GET', '/api/health');
    if (health.status === 503 && !health.headers.get('retry-after'))
      violations.add('unhealthy health without Retry-After');
    if (outage === 'blackhole') fastFailures = await checkFastFailure(base, violations);
    // The WebSocket protocol during the outage: an error frame, and the connection stays usable.
    const live = sockets[sockets.length - 1];
    if (live) {
      live.ws.send(JSON.stringify({ action: 'subscribe', postId }));
      const reply = await replyTo(live, HEALTH_BOUND_MS);
      if (reply?.type !== 'error' || reply.code !== 'unavailable')
        violations.add(`subscribe during the outage answered ${JSON.stringify(reply)}`);
      live.ws.send(JSON.stringify({ action: 'ping' }));
      if ((await replyTo(live, 5_000))?.type !== 'pong') violations.add('no pong during the outage');
    }
    await sleep(options.outageSeconds * 1000);

    progress('faults: storage back');
    const restarting = performance.now();
    if (outage === 'stop') await db.resume();
    else relay.restore();
    const healthy = await waitFor(
      async () => (await call(base, 'GET', '/api/health')).status === 200,
      HEALTH_BOUND_MS,
    );
    // From the restart command to the API answering healthy, the storage's own start-up included.
    const recoveryMs = healthy === undefined ? undefined : performance.now() - restarting;
    if (recoveryMs === undefined)
      violations.add(`/api/health not 200 within ${HEALTH_BOUND_MS} ms of storage returning`);
    recoveredAt = Date.now();
    phase = 'after';
    await sleep(options.phaseSeconds * 1000);
    stop = true;
    await load;

    progress('faults: retrying unacknowledged writes with their Idempotency-Key');
    const unacknowledged = intents.filter((i) => i.status !== 201);
    await pool(unacknowledged.length, options.writers, async (i) => {
      const intent = unacknowledged[i] as Intent;
      const answer = await call(base, 'POST', `/api/posts/${postId}/comments`, {
        token: intent.token,
        body: { body: intent.body },
        headers: { 'idempotency-key': intent.key },
      });
      requests++;
      if (answer.status !== 201) violations.add(`retry of ${intent.key} answered ${answer.status}`);
    });

    progress('faults: checking storage');
    const comments = await listAll(base, `/api/posts/${postId}/comments`);
    const post = (await call(base, 'GET', `/api/posts/${postId}`)).body;
    if (post.commentCount !== comments.length)
      violations.add(`commentCount ${post.commentCount}, ${comments.length} stored (a partial write)`);
    const stored = new Map<string, number>();
    for (const c of comments) stored.set(String(c.body), (stored.get(String(c.body)) ?? 0) + 1);
    let lost = 0;
    for (const intent of intents) {
      const count = stored.get(intent.body) ?? 0;
      if (count === 0) {
        lost++;
        violations.add(`${intent.key} (first answer ${intent.status}) is not stored`);
      } else if (count > 1) violations.add(`${intent.key} stored ${count} times`);
    }

    // Pushes work again for the subscribers still there.
    const remaining = sockets.slice(Math.floor(sockets.length / 2));
    for (const s of remaining) while ((await s.next(0)) !== undefined);
    const marker = await call(base, 'POST', `/api/posts/${postId}/comments`, {
      token: tokens[0] as string,
      body: { body: 'after the storm' },
    });
    const delivered = await Promise.all(
      remaining.map(async (s) => {
        for (;;) {
          const message = (await s.next(10_000)) as { type?: string; comment?: { id?: string } } | undefined;
          if (message === undefined) return false;
          if (message.type === 'comment.created' && message.comment?.id === marker.body?.id) return true;
        }
      }),
    );
    const missed = delivered.filter((ok) => !ok).length;
    if (missed > 0) violations.add(`${missed} of ${remaining.length} subscribers got no push after recovery`);

    return {
      suite: `faults (storage ${outage === 'stop' ? 'stopped' : 'black hole'})`,
      inputs: intents.length,
      requests,
      errors,
      p50Ms: outageLatencies.quantile(0.5),
      p99Ms: outageLatencies.quantile(0.99),
      lostWrites: lost,
      ...(recoveryMs === undefined ? {} : { recoveryMs }),
      violations: violations.toArray(),
      note: `p50/p99: answers during the outage; health 503 after ${Math.round(detectedMs ?? -1)} ms; ${intents.filter((i) => i.status === 503).length} writes refused with 503, all retried with their key${fastFailures ? `; ${fastFailures}` : ''}`,
    };
  } finally {
    for (const s of sockets) s.ws.terminate();
    await stack.close();
    await relay.close();
    await db.close();
  }
}

/** With the circuit open, a 503 must not wait on storage: the spec is within 1 s. */
const FAST_FAILURE_MS = 1_000;
const FAST_FAILURE_PROBES = 5;

/**
 * Once storage has timed out again and again, requests answer 503 with Retry-After at once (circuit open).
 * One of the probes may be the breaker's half-open trial, which waits on storage: one slow answer is allowed.
 */
async function checkFastFailure(base: string, violations: Violations): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < FAST_FAILURE_PROBES; i++) {
    const answer = await call(base, 'GET', '/api/posts');
    times.push(Math.round(answer.ms));
    if (answer.status !== 503 || !answer.headers.get('retry-after'))
      violations.add(`with the circuit open: ${answer.status}, expected 503 with Retry-After`);
  }
  const slow = times.filter((ms) => ms > FAST_FAILURE_MS);
  if (slow.length > 1)
    violations.add(
      `with the circuit open, ${slow.length} of ${times.length} answers took over ${FAST_FAILURE_MS} ms`,
    );
  return `circuit open: 503 in ${times.join(', ')} ms`;
}

/** The route response to the frame just sent, skipping the pushes queued before it. */
async function replyTo(
  socket: Awaited<ReturnType<typeof openRaw>>,
  timeoutMs: number,
): Promise<{ type?: string; code?: string } | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = (await socket.next(Math.max(0, deadline - Date.now()))) as { type?: string } | undefined;
    if (
      message === undefined ||
      !['comment.created', 'comment.deleted', 'broadcast'].includes(message.type ?? '')
    )
      return message;
  }
}

import type { BenchContext } from '../lib/context.js';
import { interleaved } from '../lib/interleave.js';
import type { FastApiPython } from '../lib/python.js';
import { type MeasureResult, ratio } from '../lib/result.js';
import { fastApiServer, launch, ourServer } from '../lib/servers.js';
import type { ServingFixture } from '../lib/serving-fixture.js';
import { formatSample, ratioOf, summarize } from '../lib/stats.js';

/**
 * The seeds' stack as the peer: a fresh process of our server and of the FastAPI app, each timed from spawn
 * to its first 200 on GET /api/posts/{id}, in alternating order.
 */
export async function measurePeerStartup(
  ctx: BenchContext,
  serving: ServingFixture,
  peer: FastApiPython | undefined,
): Promise<MeasureResult> {
  const measure = 'Peer: fresh process → first response, GET /api/posts/{id}, ours ÷ FastAPI';
  if (!peer) {
    return {
      rows: [
        {
          measure,
          ours: '',
          floor: 'skipped: no Python with fastapi and uvicorn',
          note: 'make bench installs them',
        },
      ],
    };
  }
  const { scale, progress, entries } = ctx;
  const specs = {
    ours: ourServer(entries.appServer, serving.fixture, serving.dataDir),
    fastapi: fastApiServer(peer.python, serving.peerData),
  };
  const path = serving.routes[0]?.path ?? '/';
  const once = async (name: keyof typeof specs) => {
    const server = await launch(specs[name], path);
    await server.stop();
    return server.firstMs;
  };
  // Discarded: the first runs fill the page cache (and Python's bytecode cache).
  await once('ours');
  await once('fastapi');
  const firstMs = await interleaved(scale.peerStart.rounds, ['ours', 'fastapi'] as const, (name, round) => {
    progress.step(`peer start-up: ${specs[name].name}, round ${round + 1}/${scale.peerStart.rounds}`);
    return once(name);
  });
  const ours = summarize(firstMs.ours);
  const theirs = summarize(firstMs.fastapi);
  return {
    rows: [
      {
        measure,
        ours: formatSample(ours, 'ms'),
        floor: `FastAPI + uvicorn: ${formatSample(theirs, 'ms')}`,
        shown: ratio(ratioOf(ours, theirs)),
        note: 'lower is better for us; spawn to first 200 seen by a polling client',
      },
    ],
  };
}

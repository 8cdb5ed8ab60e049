import type { MeasureResult } from '../lib/result.js';
import type { ColdStart } from './cold-start.js';
import { favoritesTradeOff } from './favorites-trade-off.js';
import type { HandlerRates } from './lambda-throughput.js';

/** Published on-demand prices, us-east-1, USD (checked 2025; free tiers ignored). */
const PRICE = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillion: 0.2,
  httpApiPerMillion: 1.0,
  dynamoWruPerMillion: 0.625,
  dynamoRruPerMillion: 0.125,
  logsPerGb: 0.5,
};

/** What the sketch assumes; each line is printed with the result. */
const ASSUME = {
  memoryMb: 512,
  /** Lambda gives a full vCPU at 1,769 MB and a share below it: CPU time here × this factor. */
  cpuSlowdown: 1769 / 512,
  coldStartShare: 0.01,
  dynamoReadMs: 5,
  dynamoTransactionMs: 10,
  logBytesPerRequest: 700,
};

interface MixItem {
  route: string;
  share: number;
  /** Which measured in-process rate stands for its handler time. */
  rate: string;
  rru: number;
  wru: number;
  dbMs: number;
}

/**
 * Cost per million requests of a typical read-heavy mix, from the measured handler time per request and
 * init time: Lambda (requests, duration, init), HTTP API, DynamoDB on-demand, CloudWatch Logs.
 */
export function costSketch(
  coldStart: ColdStart,
  rates: HandlerRates,
  { listBytes, postBytes }: { listBytes: number; postBytes: number },
): MeasureResult {
  const listRru = Math.max(1, Math.ceil(listBytes / 4096)) * 0.5;
  const mix: MixItem[] = [
    {
      route: 'GET /api/posts/{id}',
      share: 0.5,
      rate: 'GET /api/posts/{id}',
      rru: 0.5,
      wru: 0,
      dbMs: ASSUME.dynamoReadMs,
    },
    {
      route: 'GET /api/posts',
      share: 0.3,
      rate: 'GET /api/posts',
      rru: listRru,
      wru: 0,
      dbMs: ASSUME.dynamoReadMs,
    },
    {
      route: 'GET /api/posts/{id}/comments',
      share: 0.1,
      rate: 'GET /api/posts',
      rru: 0.5,
      wru: 0,
      dbMs: ASSUME.dynamoReadMs,
    },
    // Transactions bill 2 WRU per item; the post's count update also writes its 2 GSIs; a comment (half of
    // these) also checks its author's name (2 WRU), a favorite does not.
    {
      route: 'POST comment / PUT favorite',
      share: 0.08,
      rate: 'GET /api/posts/{id}',
      rru: 0,
      wru: 7,
      dbMs: ASSUME.dynamoTransactionMs,
    },
    // The post (2), its 2 GSIs and the check of its author's name (2), in one transaction.
    {
      route: 'POST /api/posts',
      share: 0.02,
      rate: 'GET /api/posts/{id}',
      rru: 0,
      wru: 6,
      dbMs: ASSUME.dynamoTransactionMs,
    },
  ];
  const gb = ASSUME.memoryMb / 1024;
  const handlerMs = (rate: string) => (1000 / (rates[rate]?.median ?? Number.NaN)) * ASSUME.cpuSlowdown;
  const billedMs = mix.reduce((sum, m) => sum + m.share * Math.ceil(handlerMs(m.rate) + m.dbMs), 0);
  const initMs = coldStart.apiLoadedMs.median * ASSUME.cpuSlowdown;
  const lines = {
    'Lambda requests': PRICE.lambdaPerMillion,
    'Lambda duration': (billedMs / 1000) * gb * PRICE.lambdaGbSecondArm * 1e6,
    'Lambda init (cold starts)': ASSUME.coldStartShare * (initMs / 1000) * gb * PRICE.lambdaGbSecondArm * 1e6,
    'HTTP API': PRICE.httpApiPerMillion,
    'DynamoDB reads': mix.reduce((sum, m) => sum + m.share * m.rru, 0) * PRICE.dynamoRruPerMillion,
    'DynamoDB writes': mix.reduce((sum, m) => sum + m.share * m.wru, 0) * PRICE.dynamoWruPerMillion,
    'CloudWatch Logs': ((ASSUME.logBytesPerRequest * 1e6) / 2 ** 30) * PRICE.logsPerGb,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  const usd = (value: number) => `$${value.toFixed(3)}`;
  return {
    rows: [
      {
        measure: 'Cost sketch: USD per million requests (typical mix)',
        ours: usd(total),
        floor: '',
        shown: usd(total),
        note: `mean billed duration ${billedMs.toFixed(1)} ms at ${ASSUME.memoryMb} MB arm64; see the sketch below`,
      },
    ],
    sections: [
      {
        title: 'Cost sketch per million requests',
        markdown: [
          '| item | USD per million requests |',
          '| --- | ---: |',
          ...Object.entries(lines).map(([item, value]) => `| ${item} | ${usd(value)} |`),
          `| **total** | **${usd(total)}** |`,
          '',
          'Mix: ' +
            mix
              .map((m) => `${m.route} ${(m.share * 100).toFixed(0)}% (${m.rru} RRU, ${m.wru} WRU)`)
              .join('; ') +
            '.',
          '',
          'Prices (us-east-1, on demand, no free tier): Lambda arm64 $0.0000133334 per GB-s and $0.20 per million',
          'requests; HTTP API $1.00 per million; DynamoDB $0.125 per million read and $0.625 per million write request',
          'units; CloudWatch Logs ingestion $0.50 per GB.',
          '',
          'Assumptions: 512 MB arm64 as in the template; handler CPU time is the in-process measure on this machine',
          `× ${ASSUME.cpuSlowdown.toFixed(2)} (Lambda gives a full vCPU only at 1,769 MB); each DynamoDB call adds`,
          `${ASSUME.dynamoReadMs} ms (${ASSUME.dynamoTransactionMs} ms for a transaction) of billed wait; billing rounds each`,
          `request up to the ms; ${ASSUME.coldStartShare * 100}% of requests are cold and their init (measured module`,
          `load ${coldStart.apiLoadedMs.median.toFixed(0)} ms here, × the same factor) is billed, as Lambda does since`,
          `August 2025; reads are eventually consistent (0.5 RRU per 4 KB; the list page is ${listBytes} B); about`,
          `${ASSUME.logBytesPerRequest} B of logs per request (our request line and Lambda’s START/END/REPORT). Not`,
          'included: data transfer out, X-Ray (sampled), S3, the WebSocket API and its pushes.',
        ].join('\n'),
      },
      {
        title: 'A favorites page: two reads, or a copy of each post in every favorite',
        markdown: favoritesTradeOff(postBytes, PRICE),
      },
    ],
  };
}

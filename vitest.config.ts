import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.js';

/**
 * Suites that answer in this process (units, in-process route tests, Lambda entries on sample events,
 * storage on an embedded dynalite, template checks): `make check`, the inner loop. Everything else starts
 * servers, browsers, child processes or emulators and runs in `make test` only.
 */
const CHECK_SUITES = [
  'src/**/*.test.ts',
  'test/architecture/**/*.test.ts',
  'test/auth/**/*.test.ts',
  'test/http/**/*.test.ts',
  'test/infrastructure/**/*.test.ts',
  'test/lambda/**/*.test.ts',
  'test/observability/**/*.test.ts',
  'test/storage/**/*.test.ts',
  'test/web/text.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // Timeouts catch hangs; they are not speed targets, so they leave room for a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A green run prints nothing but the summary: a test's logs are shown only when it fails.
    silent: 'passed-only',
    env: {
      // Node 20 here, Node 22 in Lambda: the SDK's notice about it would print once per test file.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Powertools then writes through the global console, which Vitest holds back for passing tests, instead
      // of straight to the process's streams (tests that read the JSON lines set it to false themselves).
      POWERTOOLS_DEV: 'true',
    },
    // Two cores here and in CI, but the longest suites mostly wait: terraform's provider polls moto for minutes
    // on a few CPU-seconds, as do the rehearsal and the browsers. They start first (the sequencer), and two more
    // workers keep both cores on the other files meanwhile.
    maxWorkers: 4,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      { extends: true, test: { name: 'check', include: CHECK_SUITES } },
      {
        extends: true,
        test: { name: 'stack', include: ['test/**/*.test.ts'], exclude: CHECK_SUITES },
      },
    ],
  },
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const config = join(root, '.dependency-cruiser.cjs');

/**
 * A scratch tree laid out like src/, with one wrong-way import per rule of .dependency-cruiser.cjs (the
 * rules `make lint` runs on the real src), and allowed ones beside them: each rule must catch its own case
 * and nothing else, so a rule that silently stopped matching (a renamed folder, a typo in a path) fails here.
 */
const scratch: Record<string, string> = {
  'src/domain/posts/post.ts': "import 'zod/mini';\nexport const post = 'post';\n",
  'src/domain/posts/reads-http.ts': "import '../../http/app.js';\n",
  'src/domain/posts/reads-disk.ts': "import 'node:fs';\n",
  'src/domain/posts/hashes.ts': "import 'node:crypto';\nimport './post.js';\n",
  'src/domain/cycle/a.ts': "import './b.js';\nexport const a = 1;\n",
  'src/domain/cycle/b.ts': "import './a.js';\nexport const b = 1;\n",
  'src/http/app.ts': "import '../domain/posts/post.js';\nexport const app = 1;\n",
  'src/http/reads-adapter.ts': "import '../adapters/store.js';\n",
  'src/http/reads-entry.ts': "import '../entry/main.js';\n",
  'src/adapters/store.ts': "import '../domain/posts/post.js';\nexport const store = 1;\n",
  'src/adapters/reads-composition.ts': "import '../composition/wire.js';\n",
  'src/composition/wire.ts':
    "import '../adapters/store.js';\nimport '../http/app.js';\nimport '../local/gateway.js';\nexport const wire = 1;\n",
  'src/local/gateway.ts': 'export const gateway = 1;\n',
  'src/local/reads-composition.ts': "import '../composition/wire.js';\n",
  'src/stream/reads-http.ts': "import '../http/app.js';\n",
  'src/stream/reads-tests.ts': "import '../../test/support.js';\n",
  'src/entry/main.ts': "import '../composition/wire.js';\n",
  'src/http/reads-web.ts': "import '../../web/src/api/typed-client.js';\n",
  'src/smoke/suite.ts': "import '../../web/src/api/typed-client.js';\n",
  'src/smoke/reads-page.ts': "import '../../web/src/pages/page.js';\n",
  'web/src/api/typed-client.ts': "import type {} from './schema.js';\nexport const client = 1;\n",
  'web/src/api/schema.d.ts': 'export type paths = {};\n',
  'web/src/pages/page.ts': "import '../../../src/domain/posts/post.js';\n",
  'test/support.ts': 'export const support = 1;\n',
  'src/http/reads-zod-classic.ts': "import 'zod';\nimport 'zod/mini';\n",
  'src/http/reads-zod-openapi.ts': "import '@hono/zod-openapi';\n",
  'src/http/docs/openapi-document.ts': "import 'zod/mini';\nimport '../app.js';\n",
  'src/composition/serves-generated-docs.ts': "import '../http/docs/openapi-document.js';\n",
  'src/adapters/dynamodb/reads-the-sdk.ts': "import '@aws-sdk/lib-dynamodb';\n",
  'src/adapters/dynamodb/types-from-the-sdk.ts':
    "import type { Client } from '@aws-sdk/lib-dynamodb';\nexport type C = Client;\n",
  'src/adapters/dynamodb/ensure-table.ts': "import '@aws-sdk/lib-dynamodb';\n",
  // Packages laid out as npm installs them, so imports resolve into node_modules as in the real tree.
  'node_modules/zod/package.json': JSON.stringify({
    name: 'zod',
    exports: { '.': './index.js', './mini': './mini/index.js' },
  }),
  'node_modules/zod/index.js': 'export {};\n',
  'node_modules/zod/mini/index.js': 'export {};\n',
  'node_modules/@hono/zod-openapi/package.json': JSON.stringify({
    name: '@hono/zod-openapi',
    exports: { '.': './dist/index.mjs' },
  }),
  'node_modules/@hono/zod-openapi/dist/index.mjs': 'export {};\n',
  'node_modules/@aws-sdk/lib-dynamodb/package.json': JSON.stringify({
    name: '@aws-sdk/lib-dynamodb',
    exports: { '.': './dist/index.js' },
  }),
  'node_modules/@aws-sdk/lib-dynamodb/dist/index.js': 'export {};\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
};

/** The command `make lint` runs, on the scratch tree: its exit code and the violations it printed. */
async function cruiseScratch(dir: string): Promise<{ exitCode: number; violations: string[] }> {
  const run = promisify(execFile);
  const args = ['src', 'web/src', '--config', config, '--output-type', 'err'];
  const { exitCode, stdout } = await run(depcruise, args, { cwd: dir }).then(
    ({ stdout }) => ({ exitCode: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ exitCode: error.code, stdout: error.stdout }),
  );
  const violations = [...stdout.matchAll(/^\s*error ([\w-]+): (\S+) →\s+(\S+)/gm)].map(
    ([, rule, from, to]) => `${rule}: ${from} → ${to}`,
  );
  return { exitCode, violations };
}

describe('dependency rules (dependency-cruiser, run by make lint)', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fail on each wrong-way import, naming the direction it breaks, and pass the allowed ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-depcruise-'));
    for (const [file, text] of Object.entries(scratch)) {
      await mkdir(join(dir, dirname(file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    const { exitCode, violations } = await cruiseScratch(dir);

    expect(exitCode).not.toBe(0);
    expect(violations.sort()).toEqual(
      [
        'adapters-do-not-depend-on-delivery: src/adapters/reads-composition.ts → src/composition/wire.ts',
        'domain-depends-only-on-domain: src/domain/posts/reads-http.ts → src/http/app.ts',
        'domain-does-no-io: src/domain/posts/reads-disk.ts → fs',
        'handlers-do-not-depend-on-wiring: src/stream/reads-http.ts → src/http/app.ts',
        'http-does-not-depend-on-adapters: src/http/reads-adapter.ts → src/adapters/store.ts',
        'http-does-not-depend-on-adapters: src/http/reads-entry.ts → src/entry/main.ts',
        'local-does-not-depend-on-composition: src/local/reads-composition.ts → src/composition/wire.ts',
        'no-circular: src/domain/cycle/a.ts → src/domain/cycle/b.ts',
        'only-entries-compose: src/http/reads-entry.ts → src/entry/main.ts',
        'the-app-does-not-depend-on-the-web-client: src/http/reads-web.ts → web/src/api/typed-client.ts',
        'operator-tools-use-only-the-typed-client: src/smoke/reads-page.ts → web/src/pages/page.ts',
        'web-client-does-not-import-the-server: web/src/pages/page.ts → src/domain/posts/post.ts',
        'source-does-not-depend-on-tests: src/stream/reads-tests.ts → test/support.ts',
        'functions-validate-with-zod-mini: src/http/reads-zod-classic.ts → node_modules/zod/index.js',
        'functions-validate-with-zod-mini: src/http/reads-zod-openapi.ts → node_modules/@hono/zod-openapi/dist/index.mjs',
        'functions-do-not-load-the-openapi-generator: src/composition/serves-generated-docs.ts → src/http/docs/openapi-document.ts',
        'dynamodb-repositories-call-the-documents-port: src/adapters/dynamodb/reads-the-sdk.ts → node_modules/@aws-sdk/lib-dynamodb/dist/index.js',
      ].sort(),
    );
  }, 120_000);
});

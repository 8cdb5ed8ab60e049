/**
 * The directions dependencies may point in (the hexagon: domain in the middle, adapters and delivery at the
 * edge, composition outermost). `make lint` runs these rules; each names the direction it forbids.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-depends-only-on-domain',
      comment:
        'The domain knows nothing of HTTP, Lambda, AWS, storage or configuration: it imports only itself and zod/mini ' +
        '(its validation language). Move what it needs into src/domain, or make it a port an adapter implements.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/domain/', '(^|/)node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-does-no-io',
      comment: 'The domain may hash (node:crypto) but never reaches the file system, network or process.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'adapters-do-not-depend-on-delivery',
      comment:
        'Adapters implement the domain’s ports; they never reach the HTTP layer, the entries, the local stack, ' +
        'the WebSocket/stream handlers or the composition that wires them.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(http|entry|local|composition|websocket|stream)/' },
    },
    {
      name: 'http-does-not-depend-on-adapters',
      comment:
        'The HTTP layer speaks to the domain’s services and ports; which adapter stands behind them is the ' +
        'composition’s choice.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(adapters|composition|local|entry)/' },
    },
    {
      name: 'local-does-not-depend-on-composition',
      comment:
        'The local emulators (gateway, embedded DynamoDB, web client) are parts the composition wires; they ' +
        'never reach back into it.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^src/(composition|entry)/' },
    },
    {
      name: 'handlers-do-not-depend-on-wiring',
      comment:
        'The WebSocket and stream handlers are delivery, like the HTTP layer: they never import the wiring.',
      severity: 'error',
      from: { path: '^src/(websocket|stream)/' },
      to: { path: '^src/(composition|local|entry|http)/' },
    },
    {
      name: 'only-entries-compose',
      comment: 'Entries are roots: nothing in src imports one.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/entry/' },
      to: { path: '^src/entry/' },
    },
    {
      name: 'source-does-not-depend-on-tests',
      comment: 'Shipped code never imports test support.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|bench|reliability)/' },
    },
    {
      name: 'the-app-does-not-depend-on-the-web-client',
      comment:
        'The API serves its web client; it never imports it. Only the operator tools (seed, smoke, live) call the API through it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(smoke|entry/cli)/' },
      to: { path: '^web/' },
    },
    {
      name: 'operator-tools-use-only-the-typed-client',
      comment:
        'The operator tools share the web client’s typed API client (web/src/api/typed-client.ts, over the ' +
        'generated schema) and nothing else of it.',
      severity: 'error',
      from: { path: '^src/(smoke|entry/cli)/' },
      to: { path: '^web/', pathNot: '^web/src/api/(typed-client\\.ts|schema\\.d\\.ts)$' },
    },
    {
      name: 'web-client-does-not-import-the-server',
      comment: 'The web client talks to the API over HTTP only: its types come from the OpenAPI document.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|test|scripts)/' },
    },
    {
      name: 'functions-validate-with-zod-mini',
      comment:
        'Code that ships in a function validates with zod/mini: zod classic (~440 KB, parsed at every cold start ' +
        'whatever a bundle uses of it) and @hono/zod-openapi (which loads all of it, and wraps every request) ' +
        "stay out. Write `import * as z from 'zod/mini'`; documentation goes in the apiDocs registry.",
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: [
          '(^|/)node_modules/zod/(index|v3/|v4/index|v4/classic/)',
          '(^|/)node_modules/@hono/zod-openapi/',
          '(^|/)node_modules/@asteasolutions/zod-to-openapi/',
        ],
      },
    },
    {
      name: 'functions-do-not-load-the-openapi-generator',
      comment:
        'The OpenAPI document is generated at build time (npm run gen:api) and served from openapi.json: ' +
        'only scripts and tests import the generator, so no function bundles it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/http/docs/openapi-document\\.ts$' },
      to: { path: '^src/http/docs/openapi-document\\.ts$' },
    },
    {
      name: 'dynamodb-repositories-call-the-documents-port',
      comment:
        'The DynamoDB repositories call the DynamoDbDocuments port (src/adapters/dynamodb/documents.ts), so the ' +
        'client under them is chosen in the composition by what it costs at cold start. Only table management ' +
        '(ensure-table.ts and the SDK client it sends with, dynamodb-client.ts: local stack and tests) loads ' +
        'the SDK; `import type` from it is fine.',
      severity: 'error',
      from: {
        path: '^src/adapters/dynamodb/',
        pathNot: ['^src/adapters/dynamodb/(dynamodb-client|ensure-table)\\.ts$', '\\.test\\.ts$'],
      },
      to: { path: '(^|/)node_modules/@aws-sdk/(lib|client)-dynamodb/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

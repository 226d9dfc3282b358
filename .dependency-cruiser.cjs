// The data layer's dependency rules, checked by `npm run deps:check` (part of `npm test`).
// Dependencies point one way: schema -> (loaders | lists) -> vendors -> transport, with domain/
// below everything. Type-only imports count too (tsPreCompilationDeps): a type cycle couples
// modules as tightly as a value cycle, and is how the old ones crept in.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules in a cycle cannot be understood, tested or loaded one at a time, and ES module ' +
        'cycles can observe a binding before it is initialised. Move the shared part down a layer ' +
        'or pass it in as a parameter.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'src/domain holds the pure vendor-neutral model and rules (records, ranges, tallies): every ' +
        'layer builds on it, so it may depend on no other part of src.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'transport-not-to-upper-layers',
      severity: 'error',
      comment:
        'src/transport is the HTTP plumbing every vendor client shares (retries, breaker, budget, ' +
        'deadline): it must not know the clients, the loaders, the lists, the schema, the http ' +
        'plugins or the request context that sit on top of it.',
      from: { path: '^src/transport/' },
      to: {
        path: [
          '^src/vendors/',
          '^src/loaders/',
          '^src/lists/',
          '^src/schema/',
          '^src/http/',
          '^src/context\\.ts$',
          '^src/types\\.ts$',
          '^src/services\\.ts$',
          '^src/observability/',
        ],
      },
    },
    {
      name: 'telemetry-libraries-only-in-observability',
      severity: 'error',
      comment:
        'Metrics and traces are one concern: prom-client and the OpenTelemetry packages are used in ' +
        'src/observability alone, which the rest reaches through small interfaces (the transport ' +
        'observer, cache lookup hooks, one Yoga plugin). The SDK is imported lazily there, so a ' +
        'gateway without tracing never loads it.',
      from: { path: '^src/', pathNot: '^src/(observability|bench)/' },
      to: { path: 'node_modules/(prom-client|@opentelemetry)/' },
    },
    {
      name: 'tracing-sdk-loaded-lazily',
      severity: 'error',
      comment:
        'The OpenTelemetry SDK is loaded by startTracing (src/observability/tracing.ts) with a ' +
        'dynamic import, only when an OTLP endpoint is configured: a static import of it anywhere ' +
        'would load it, and its work, into every gateway.',
      from: { path: '^src/', pathNot: '^src/observability/tracing-sdk\\.ts$' },
      to: {
        path: '^src/observability/tracing-(sdk|spans)\\.ts$',
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'vendors-not-to-loaders-lists-schema-http',
      severity: 'error',
      comment:
        'A vendor client speaks one vendor API over the transport and maps to domain/; batching ' +
        '(loaders), paging (lists), GraphQL (schema) and HTTP serving (http) are built on top of it.',
      from: { path: '^src/vendors/' },
      to: { path: ['^src/loaders/', '^src/lists/', '^src/schema/', '^src/http/'] },
    },
    {
      name: 'loaders-lists-not-to-schema-http',
      severity: 'error',
      comment:
        'Loaders and lists serve the schema: they must not depend on GraphQL fields or on the http ' +
        'plugins, or the schema could not be changed without them.',
      from: { path: ['^src/loaders/', '^src/lists/'] },
      to: { path: ['^src/schema/', '^src/http/'] },
    },
    {
      name: 'loaders-lists-not-to-request-context',
      severity: 'error',
      comment:
        'Lists and loaders receive what they read (a loader, a reader function, a small interface), ' +
        'never the whole request context: the context type names the loaders, so depending on it ' +
        'from below is a cycle, and a narrow input says what a list really reads.',
      from: { path: ['^src/loaders/', '^src/lists/'] },
      to: { path: ['^src/types\\.ts$', '^src/context\\.ts$'] },
    },
    {
      name: 'context-factory-only-from-server',
      severity: 'error',
      comment:
        'src/context.ts builds the request context and is wired in by src/server.ts alone; code that ' +
        'names the context imports its type from src/types.ts, so nothing else depends on the factory.',
      from: { path: '^src/', pathNot: '^src/(server|context)\\.ts$' },
      to: { path: '^src/context\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // test/ is not cruised: tests may reach into any layer.
    exclude: { path: '^test/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

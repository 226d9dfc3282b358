import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CommonJS (`main`) and ESM (`module`) builds without an `exports` map: Node
  // loads the CommonJS one for Yoga and Pothos, Vite would load the ESM one for our sources. One
  // copy for both, as in production, so `instanceof GraphQLError` holds across them.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});

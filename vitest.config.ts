import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string): string =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/** Tests run against the TypeScript sources; child processes they start use the built dist. */
export default defineConfig({
  resolve: {
    alias: {
      '@syft-ts/core': pkg('core'),
      '@syft-ts/author': pkg('author'),
      '@syft-ts/client': pkg('client'),
      '@syft-ts/grid': pkg('grid'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.soak.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

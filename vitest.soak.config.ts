import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string): string =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/**
 * The long hostile and load runs (`npm run soak`, docs/robustness.md): `*.soak.test.ts`
 * files, one at a time, each with its own time budget. SOAK_MINUTES sets the load duration.
 */
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
    include: ['packages/*/test/**/*.soak.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 3_600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

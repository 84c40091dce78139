import { fileURLToPath } from 'node:url';

/** The `packages/web` folder (this file sits in `src/build` or, compiled, in `dist/build`). */
export const WEB_PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The `packages` folder of the monorepo, home of the worker library's sources. */
export const PACKAGES_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Where the built pages and bundles are written and where the grid serves them from
 * (`/worker`, `/dashboard`, `/web/*`).
 *
 * @returns the absolute path of `packages/web/dist/www`
 */
export function webAssetsDir(): string {
  return fileURLToPath(new URL('../../dist/www/', import.meta.url));
}

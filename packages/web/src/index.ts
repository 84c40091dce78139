/**
 * @syft-ts/web: the browser build of the worker library, the browser worker page and the
 * grid's live dashboard. In Node this package only builds those assets and says where they
 * are; the grid serves them (docs/browser.md, docs/dashboard.md).
 * @packageDocumentation
 */
export * from './errors.js';
export { webAssetsDir } from './build/web-paths.js';
export {
  buildWebAssets,
  LIBRARY_BUNDLE,
  type WebBuildOptions,
  type WebBuildSummary,
} from './build/build-web-assets.js';

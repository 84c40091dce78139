import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebAssets, type WebBuildSummary } from './build/build-web-assets.js';

/**
 * An import of a Node built-in or of `ws`: ESM `import … from`, `export … from`, `import()`, or
 * esbuild's `__require()` for a module it could not bundle. (The wasm backend carries the
 * source of its Node-only thread worker as a string, with `require("fs")` in it: text, not an
 * import, which is why the metafile check above is the primary one.)
 */
const NODE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|__require\s*\(\s*)["'](?:node:[\w/]+|fs|fs\/promises|path|os|net|http|https|crypto|worker_threads|ws)["']/;

describe('the browser build', () => {
  let outDir: string;
  let summary: WebBuildSummary;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'syft-web-build-'));
    summary = await buildWebAssets({ outDir });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles the worker library with nothing left to import and no ws or Node modules', () => {
    const library = summary.bundles['syft.js'];

    expect(library?.externalImports).toEqual([]);
    expect(library?.inputs.some((input) => input.includes('node_modules/ws/'))).toBe(false);
    expect(library?.inputs.some((input) => input.includes('packages/client/src/syft.ts'))).toBe(
      true,
    );
  });

  it('writes bundles whose code imports no node:, fs or ws module', () => {
    const texts = ['syft.js', 'worker.js', 'dashboard.js'].map((name) =>
      readFileSync(join(outDir, name), 'utf8'),
    );

    for (const text of texts) expect(NODE_IMPORT.exec(text)?.[0]).toBeUndefined();
    expect(texts[0]).toMatch(/export\s*\{/);
  });

  it('makes the worker page load the library bundle instead of carrying its own copy', () => {
    const worker = summary.bundles['worker.js'];
    const dashboard = summary.bundles['dashboard.js'];

    expect(worker?.externalImports).toEqual(['./syft.js']);
    expect(worker?.inputs.some((input) => input.includes('@tensorflow'))).toBe(false);
    expect(dashboard?.externalImports).toEqual([]);
    expect(dashboard?.inputs.some((input) => input.includes('chart.js'))).toBe(true);
  });

  it('ships the pages, the stylesheet and the wasm backend binaries', () => {
    const names = summary.files.map((file) => file.name);

    expect(names).toEqual(
      expect.arrayContaining([
        'worker.html',
        'dashboard.html',
        'style.css',
        'tfjs-backend-wasm.wasm',
        'tfjs-backend-wasm-simd.wasm',
      ]),
    );
  });
});

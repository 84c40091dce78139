import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

describe('the browser build', () => {
  it('bundles for the browser platform with no Node built-ins and no ws', async () => {
    const result = await build({
      entryPoints: [at('./index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      external: ['@tensorflow/*'],
      alias: { '@syft-ts/core': at('../../core/src/index.ts') },
    });

    const text = result.outputFiles[0]?.text ?? '';
    expect(result.errors).toEqual([]);
    expect(text.length).toBeGreaterThan(10_000);
    expect(text).not.toMatch(/from\s*["'](node:[a-z_]+|ws)["']/);
    // `ws` has a browser stub that only throws; a static import would pull it in.
    expect(text).not.toContain('does not work in the browser');
    expect(text).not.toMatch(/require\(["'](node:[a-z_]+|ws|fs|net|http)["']\)/);
  });
});

#!/usr/bin/env node
/**
 * `npm run build -w packages/web`: bundles the browser assets into `dist/www`. Prints one line
 * per file; on failure prints the reason and exits with status 1.
 */
import { SyftError } from '@syft-ts/core';
import { buildWebAssets } from './build-web-assets.js';

try {
  const { outDir, files } = await buildWebAssets();
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  const bundles = files.filter((file) => file.name.endsWith('.js'));
  console.log(
    `web assets in ${outDir}: ${bundles.map((f) => `${f.name} ${kib(f.bytes)}`).join(', ')}`,
  );
} catch (error) {
  const message = error instanceof SyftError ? error.message : String(error);
  console.error(`web build failed: ${message}`);
  process.exitCode = 1;
}

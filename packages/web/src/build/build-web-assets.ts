import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build, type BuildResult, type Plugin } from 'esbuild';
import { WebBuildError } from '../errors.js';
import { PACKAGES_DIR, WEB_PACKAGE_DIR, webAssetsDir } from './web-paths.js';

/** Options of {@link buildWebAssets}. */
export interface WebBuildOptions {
  /** Output folder (default {@link webAssetsDir}). */
  outDir?: string;
  /** Minify the bundles (default true). */
  minify?: boolean;
}

/** One bundle: what it imports from outside itself and which source files went into it. */
export interface BundleReport {
  /** Import paths left for the browser to load (for a page: `./syft.js`). */
  externalImports: string[];
  /** Source files bundled in, relative to the working directory. */
  inputs: string[];
}

/** What {@link buildWebAssets} wrote. */
export interface WebBuildSummary {
  /** The output folder. */
  outDir: string;
  /** Every file written, relative to `outDir`, with its size in bytes. */
  files: { name: string; bytes: number }[];
  /** Each bundle by file name (`syft.js`, `worker.js`, `dashboard.js`). */
  bundles: Record<string, BundleReport>;
}

/** The file name of the browser build of the worker library inside the output folder. */
export const LIBRARY_BUNDLE = 'syft.js';

const source = (path: string): string => join(WEB_PACKAGE_DIR, 'src', path);

/** The library is bundled from the TypeScript sources of the workspace packages. */
const libraryAliases: Record<string, string> = {
  '@syft-ts/client': join(PACKAGES_DIR, 'client', 'src', 'index.ts'),
  '@syft-ts/core': join(PACKAGES_DIR, 'core', 'src', 'index.ts'),
};

/**
 * The pages take only `SyftError` from the core (for their own error classes); pointing the
 * core at its errors module keeps a second TensorFlow.js out of the page bundles. Any other
 * core import in a page fails the build with "No matching export".
 */
const pageAliases: Record<string, string> = {
  '@syft-ts/core': join(PACKAGES_DIR, 'core', 'src', 'errors.ts'),
};

/**
 * Keeps the pages from bundling a second copy of the library: an import of the library entry
 * (`browser/syft-browser.js`) becomes an import of the library bundle served beside the page.
 */
const libraryAsExternal: Plugin = {
  name: 'syft-library-external',
  setup(bundler) {
    bundler.onResolve({ filter: /browser\/syft-browser\.js$/ }, () => ({
      path: `./${LIBRARY_BUNDLE}`,
      external: true,
    }));
  },
};

function firstError(result: BuildResult, entry: string): void {
  const error = result.errors[0];
  if (error !== undefined) throw new WebBuildError(`bundling ${entry} failed: ${error.text}`);
}

interface BundleJob {
  entry: string;
  outFile: string;
  minify: boolean;
  aliases: Record<string, string>;
  plugins: Plugin[];
}

async function bundle(job: BundleJob): Promise<BundleReport> {
  const { entry, outFile, minify, aliases, plugins } = job;
  try {
    const result = await build({
      entryPoints: [source(entry)],
      outfile: outFile,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify,
      sourcemap: true,
      legalComments: 'linked',
      logLevel: 'silent',
      alias: aliases,
      plugins,
      metafile: true,
    });
    firstError(result, entry);
    const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.js'));
    return {
      externalImports: [
        ...new Set(
          (output?.[1].imports ?? [])
            .filter((found) => found.external === true)
            .map((found) => found.path),
        ),
      ],
      inputs: Object.keys(result.metafile.inputs),
    };
  } catch (error) {
    if (error instanceof WebBuildError) throw error;
    throw new WebBuildError(`bundling ${entry} failed: ${String(error)}`, { cause: error });
  }
}

/** The wasm binaries of the TensorFlow.js wasm backend, which it fetches at start. */
function wasmBinaries(): string[] {
  const require = createRequire(import.meta.url);
  const folder = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return readdirSync(folder)
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => join(folder, name));
}

/**
 * Builds the browser assets: the worker library as one ESM bundle (`syft.js`, with
 * TensorFlow.js and the core), the worker page and dashboard scripts (which import `syft.js`
 * rather than bundling it again), their HTML and CSS, and the wasm backend's binaries.
 *
 * @example
 * ```ts
 * const { outDir, files } = await buildWebAssets();
 * ```
 * @param options - output folder and minification
 * @returns the output folder and the files written
 * @throws WebBuildError naming the entry that failed to bundle
 */
export async function buildWebAssets(options: WebBuildOptions = {}): Promise<WebBuildSummary> {
  const outDir = options.outDir ?? webAssetsDir();
  const minify = options.minify ?? true;
  mkdirSync(outDir, { recursive: true });
  // Build beside the output folder, then move each file in with a rename, so that a grid
  // serving the folder meanwhile never reads a half-written file.
  const staging = mkdtempSync(join(dirname(outDir), '.www-staging-'));

  try {
    const entries: [string, string, Record<string, string>, Plugin[]][] = [
      [LIBRARY_BUNDLE, 'browser/syft-browser.ts', libraryAliases, []],
      ['worker.js', 'pages/worker/worker-page.ts', pageAliases, [libraryAsExternal]],
      ['dashboard.js', 'pages/dashboard/dashboard-page.ts', pageAliases, []],
    ];
    const bundles: Record<string, BundleReport> = {};
    for (const [name, entry, aliases, plugins] of entries) {
      const outFile = join(staging, name);
      bundles[name] = await bundle({ entry, outFile, minify, aliases, plugins });
    }

    const staticDir = join(WEB_PACKAGE_DIR, 'static');
    for (const name of readdirSync(staticDir)) {
      copyFileSync(join(staticDir, name), join(staging, name));
    }
    for (const path of wasmBinaries()) copyFileSync(path, join(staging, basename(path)));

    const files = readdirSync(staging).map((name) => {
      const bytes = statSync(join(staging, name)).size;
      renameSync(join(staging, name), join(outDir, name));
      return { name, bytes };
    });
    return { outDir, files, bundles };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

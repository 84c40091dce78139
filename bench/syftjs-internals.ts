/**
 * Loads the published syft.js 0.1.4 in this process, with access to the classes its bundle
 * keeps private (it exports only `Syft`): its protobuf unserializer and message classes, and
 * its `SyftModel`. Same approach as test-support/syftjs/run-plan.mjs: compile syft.js's own
 * CommonJS bundle with one extra line at the end. The process must run with
 * `--import ./test-support/syftjs/no-long.mjs` (see its header) so that int64 plan literals
 * decode as numbers, as in a browser.
 *
 * syft.js requires `@tensorflow/tfjs-core`, the same single copy our packages use, so the
 * backend set with `tf.setBackend` applies to both.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as tf from '@tensorflow/tfjs';

/** A syft.js Plan as its unserializer returns it. */
export interface SyftJsPlan {
  execute(worker: unknown, ...args: (tf.Tensor | number)[]): Promise<tf.Tensor[]>;
}

/** A syft.js SyftModel. */
export interface SyftJsModel {
  params: tf.Tensor[];
  createSerializedDiff(updated: tf.Tensor[]): Promise<Uint8Array | ArrayBuffer>;
}

/** The parts of syft.js the benchmarks drive. */
export interface SyftJs {
  /** A worker object (never connected) that syft.js's APIs take as context. */
  worker: unknown;
  /** Decodes and prepares a serialized Plan as a syft.js worker does after download. */
  loadPlan(bytes: Uint8Array): SyftJsPlan;
  /** Decodes a serialized State as `Job` does on `accepted` (`new SyftModel(...)`). */
  loadModel(bytes: Uint8Array): SyftJsModel;
}

interface Internals {
  unserialize: (worker: unknown, bin: Uint8Array, type: unknown) => SyftJsPlan;
  protobuf: { syft_proto: { execution: { v1: { Plan: unknown } } } };
  Syft: new (options: { url: string; verbose: boolean }) => unknown;
  SyftModel: new (options: { worker: unknown; modelData: Uint8Array }) => SyftJsModel;
}

/** Compiles syft.js's CommonJS bundle with its internals exposed and returns them. */
export function loadSyftJs(): SyftJs {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@openmined/syft.js');
  const source =
    readFileSync(file, 'utf8') +
    '\nexports.__bench = { unserialize: unserialize, protobuf: protobuf$1, Syft: Syft, ' +
    'SyftModel: SyftModel };\n';
  const mod = new Module(file);
  mod.filename = file;
  const withPaths = mod as Module & { paths: string[]; _compile(code: string, name: string): void };
  const nodeModulePaths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })
    ._nodeModulePaths;
  withPaths.paths = nodeModulePaths(dirname(file));
  withPaths._compile(source, file);
  const internals = (mod.exports as { __bench: Internals }).__bench;

  const worker = new internals.Syft({ url: 'ws://127.0.0.1:9', verbose: false });
  return {
    worker,
    loadPlan: (bytes) =>
      internals.unserialize(worker, bytes, internals.protobuf.syft_proto.execution.v1.Plan),
    loadModel: (bytes) => new internals.SyftModel({ worker, modelData: bytes }),
  };
}

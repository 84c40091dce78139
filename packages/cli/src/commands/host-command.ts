import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { type HostTrainingOptions, hostTraining } from '@syft-ts/client';
import { selectBackend } from '@syft-ts/core';

import { CliUsageError, RunError } from '../errors.js';
import type { CommandStreams } from '../program.js';

/** Options of `syft host`. */
export interface HostCommandOptions {
  /** Grid address. */
  readonly grid: string;
  /** File holding the owner token. */
  readonly tokenFile?: string | undefined;
  /** The owner token itself. */
  readonly token?: string | undefined;
}

/** The keys a process description must have, as `hostTraining` takes them. */
const REQUIRED_KEYS = [
  'name',
  'version',
  'model',
  'plans',
  'clientConfig',
  'serverConfig',
] as const;

/**
 * Reads the owner token from `--token` or `--token-file`.
 *
 * @param options - the command's options
 * @returns the token
 * @throws {@link CliUsageError} when neither is given, or the file is unreadable or empty
 */
export async function ownerTokenFrom(options: HostCommandOptions): Promise<string> {
  if (options.token !== undefined && options.token.trim() !== '') return options.token.trim();
  if (options.tokenFile === undefined) {
    throw new CliUsageError(
      "give the grid's owner token with --token-file <path> or --token <token>.",
    );
  }
  let text: string;
  try {
    text = await readFile(options.tokenFile, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--token-file ${options.tokenFile}: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw new CliUsageError(`--token-file ${options.tokenFile} is empty.`);
  return text.trim();
}

/**
 * Imports a process module and returns its description: the default export, or what the
 * default export returns when it is a (possibly async) function. The tfjs backend is selected
 * first, so a module may build its model at import time.
 *
 * @param modulePath - path of a JavaScript module
 * @returns the description, checked for the keys `hostTraining` needs
 * @throws {@link CliUsageError} when the module cannot be imported, its default export throws,
 *   or the description lacks a key
 */
export async function loadProcessModule(modulePath: string): Promise<HostTrainingOptions> {
  await selectBackend();
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(modulePath)).href)) as { default?: unknown };
  } catch (error) {
    throw new CliUsageError(
      `cannot import ${modulePath}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const exported = loaded.default;
  let description: unknown;
  try {
    description = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  } catch (error) {
    throw new CliUsageError(
      `module ${modulePath} failed: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof description !== 'object' || description === null) {
    throw new CliUsageError(
      `${modulePath} must default-export a process description (or a function returning one).`,
    );
  }
  const missing = REQUIRED_KEYS.filter((key) => !(key in description));
  if (missing.length > 0) {
    throw new CliUsageError(`${modulePath}: the process description lacks ${missing.join(', ')}.`);
  }
  return description as HostTrainingOptions;
}

/**
 * `syft host <module>`: hosts the process a module describes on a grid, with the owner token.
 *
 * @param modulePath - the module (see docs/cli.md)
 * @param options - grid and token
 * @param streams - where to write
 */
export async function runHost(
  modulePath: string,
  options: HostCommandOptions,
  streams: CommandStreams,
): Promise<void> {
  const token = await ownerTokenFrom(options);
  const description = await loadProcessModule(modulePath);
  try {
    await hostTraining(options.grid, token, { ...description, verbose: true });
  } catch (error) {
    throw new RunError(`hosting failed: ${(error as Error).message}`, { cause: error });
  }
  streams.out.write(`hosted ${description.name} ${description.version} on ${options.grid}\n`);
}

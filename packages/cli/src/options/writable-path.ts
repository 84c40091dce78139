import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { CliUsageError } from '../errors.js';

/** What a path holds now: nothing, a folder or something else (a file). */
type PathKind = 'missing' | 'folder' | 'file';

async function kindOf(path: string): Promise<PathKind> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

async function isWritable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folders of `path` that do not exist yet, outermost first, and the nearest ancestor that
 * does exist.
 */
async function missingFolders(path: string): Promise<{ ancestor: string; missing: string[] }> {
  const missing: string[] = [];
  let current = path;
  while ((await kindOf(current)) === 'missing' && dirname(current) !== current) {
    missing.unshift(current);
    current = dirname(current);
  }
  return { ancestor: current, missing };
}

/** Throws unless the nearest existing ancestor of a missing path is a writable folder. */
async function requireWritableAncestor(
  option: string,
  path: string,
  ancestor: string,
): Promise<void> {
  if ((await kindOf(ancestor)) !== 'folder') {
    throw new CliUsageError(`${option} ${path}: cannot create it, ${ancestor} is not a folder.`);
  }
  if (!(await isWritable(ancestor))) {
    throw new CliUsageError(`${option} ${path}: cannot create it, ${ancestor} is not writable.`);
  }
}

/**
 * Checks that `path` can be written as a file (for example `--report`) before a long run: it is
 * not a folder, and it or its nearest existing ancestor is writable. Creates nothing.
 *
 * @param option - the option's name, for the message (`--report`)
 * @param path - the path given
 * @returns the absolute path
 * @throws {@link CliUsageError} naming the path and what is wrong with it
 */
export async function checkWritableFile(option: string, path: string): Promise<string> {
  const absolute = resolve(path);
  const kind = await kindOf(absolute);
  if (kind === 'folder') throw new CliUsageError(`${option} ${path} is a folder, not a file.`);
  if (kind === 'file') {
    if (!(await isWritable(absolute)))
      throw new CliUsageError(`${option} ${path} is not writable.`);
    return absolute;
  }
  const { ancestor } = await missingFolders(dirname(absolute));
  await requireWritableAncestor(option, path, ancestor);
  return absolute;
}

/**
 * Makes sure `path` is a writable folder (for example `--data`), creating the missing folders one
 * level at a time (Node 20's recursive mkdir never settles under /proc).
 *
 * @param option - the option's name, for the message (`--data`)
 * @param path - the path given
 * @returns the absolute path of the folder
 * @throws {@link CliUsageError} naming the path and what is wrong with it
 */
export async function ensureWritableFolder(option: string, path: string): Promise<string> {
  const absolute = resolve(path);
  const kind = await kindOf(absolute);
  if (kind === 'file') throw new CliUsageError(`${option} ${path} is a file, not a folder.`);
  if (kind === 'folder') {
    if (!(await isWritable(absolute)))
      throw new CliUsageError(`${option} ${path} is not writable.`);
    return absolute;
  }
  const { ancestor, missing } = await missingFolders(absolute);
  await requireWritableAncestor(option, path, ancestor);
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      throw new CliUsageError(
        `${option} ${path}: cannot create ${folder}: ${(error as Error).message}`,
      );
    }
  }
  return absolute;
}

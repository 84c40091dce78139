import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { GridAddress } from './suite.test-helper.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the grid (and core) so that child processes run the current sources. */
export function buildGrid(): void {
  execFileSync('npx', ['tsc', '-b', 'packages/grid'], { cwd: root, stdio: 'inherit' });
}

/** A free TCP port on 127.0.0.1, so that a restarted grid keeps its address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** What a child grid wrote to its log, summarised as it streams (lines are not kept). */
export interface ChildLog {
  lines: number;
  /** Lines at pino level error (50) or above. */
  errors: string[];
  /** Lines containing any of the watched secrets. */
  leaks: string[];
  /** The first lines, up to the URL line. */
  head: string;
}

/** A grid running the built CLI in a child process. */
export interface ChildGrid extends GridAddress {
  child: ChildProcess;
  pid: number;
  wsUrl: string;
  log: ChildLog;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Calls `onLine` for each complete line appended to a file since the last `poll`. */
function fileTail(path: string, onLine: (line: string) => void): () => void {
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.alloc(1 << 20);
  let offset = 0;
  let pending = '';
  return () => {
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, chunk, 0, chunk.length, offset); n > 0;) {
        offset += n;
        pending += decoder.write(chunk.subarray(0, n));
        n = readSync(fd, chunk, 0, chunk.length, offset);
      }
    } finally {
      closeSync(fd);
    }
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  };
}

/**
 * Starts `packages/grid/dist/bin.js` on 127.0.0.1 with a data folder and resolves once it
 * listens. Its pino output is scanned line by line for errors and for the secrets in
 * `watch` (which can grow while it runs). With `logFile`, the grid writes its log to that
 * file, which is read once a second, so that a busy test process can never slow the grid's
 * writes (a pipe that is not read fast enough makes pino buffer lines in the grid's memory).
 *
 * @param dataDir - the data folder (kept across restarts)
 * @param port - the port (0 picks one)
 * @param watch - strings that must never appear in a log line
 * @param logFile - a file for the grid's log instead of a pipe
 */
export async function spawnGrid(
  dataDir: string,
  port = 0,
  watch: Set<string> = new Set(),
  logFile?: string,
): Promise<ChildGrid> {
  const fd = logFile === undefined ? undefined : openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [join(root, 'packages/grid/dist/bin.js'), '--port', String(port), '--data', dataDir],
    { stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'] },
  );
  if (fd !== undefined) closeSync(fd);
  const log: ChildLog = { lines: 0, errors: [], leaks: [], head: '' };
  let pending = '';
  let poll: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      clearInterval(timer);
      poll?.();
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const scan = (line: string): void => {
      log.lines++;
      if (log.head.length < 4000) log.head += `${line}\n`;
      if (/"level":(5\d|6\d)/.test(line)) log.errors.push(line.slice(0, 2000));
      for (const secret of watch) if (line.includes(secret)) log.leaks.push(line.slice(0, 300));
      const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match) resolve(match[1]!);
    };
    if (logFile !== undefined) {
      poll = fileTail(logFile, scan);
      timer = setInterval(poll, 100);
    } else {
      const onData = (chunk: Buffer): void => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(scan);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
    }
    void exited.then(() => reject(new Error(`grid exited before listening:\n${log.head}`)));
  });
  const ownerToken = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    ownerToken,
    child,
    pid: child.pid!,
    log,
    exited,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
  };
}

/**
 * Resident memory of a process in MiB, from `/proc/<pid>/status` (Linux).
 *
 * @param pid - the process id
 */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

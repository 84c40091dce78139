import { GridError } from './errors.js';
import { fetchGrid } from './http.js';

/** What the speed test measured: the fields a cycle request carries. */
export interface SpeedMeasurement {
  /** Mean round trip of a tiny GET, in milliseconds. */
  pingMs: number;
  /** Download throughput in Mbit/s (10^6 bits per second). */
  downloadMbps: number;
  /** Upload throughput in Mbit/s. */
  uploadMbps: number;
}

/** Bounds of the speed test. */
export interface SpeedTestOptions {
  /** Number of pings averaged; default 3. */
  pings?: number;
  /** Stop reading the download sample after this many bytes; default 4 MiB. */
  maxDownloadBytes?: number;
  /** Size of the uploaded sample; default 1 MiB. */
  uploadBytes?: number;
}

const PATH = 'model-centric/speed-test';

/** Converts bytes moved in some milliseconds to Mbit/s. */
export function toMbps(bytes: number, elapsedMs: number): number {
  return (bytes * 8) / 1e6 / (Math.max(elapsedMs, 0.001) / 1000);
}

function url(httpUrl: string, workerId: string, extra = ''): string {
  const random = Math.random().toString(36).slice(2);
  return `${httpUrl}/${PATH}?worker_id=${encodeURIComponent(workerId)}&random=${random}${extra}`;
}

async function ensureOk(response: Response): Promise<void> {
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  throw new GridError(PATH, text || response.statusText, response.status);
}

/** Reads at most `maxBytes` of a body, then cancels the rest. Returns the bytes read. */
async function readBounded(response: Response, maxBytes: number): Promise<number> {
  const reader = response.body?.getReader();
  if (reader === undefined) return (await response.arrayBuffer()).byteLength;
  let bytes = 0;
  while (bytes < maxBytes) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return bytes;
}

/**
 * Measures ping, download and upload against the grid's speed-test endpoint, with bounded
 * sample sizes so that a worker on a slow link is not stuck for minutes.
 *
 * @param httpUrl - the grid's HTTP base URL
 * @param workerId - the id from authentication (the grid requires it)
 * @param options - sample bounds
 * @example
 * const { pingMs, downloadMbps, uploadMbps } = await measureSpeed('http://127.0.0.1:5000', id);
 */
export async function measureSpeed(
  httpUrl: string,
  workerId: string,
  options: SpeedTestOptions = {},
): Promise<SpeedMeasurement> {
  const pings = Math.max(1, options.pings ?? 3);
  const maxDownloadBytes = options.maxDownloadBytes ?? 4 * 1024 * 1024;
  const uploadBytes = options.uploadBytes ?? 1024 * 1024;

  let pingTotalMs = 0;
  for (let i = 0; i < pings; i++) {
    const started = performance.now();
    const response = await fetchGrid(url(httpUrl, workerId, '&is_ping=1'), {}, PATH);
    await ensureOk(response);
    await response.arrayBuffer();
    pingTotalMs += performance.now() - started;
  }

  const downloadStarted = performance.now();
  const download = await fetchGrid(url(httpUrl, workerId), {}, PATH);
  await ensureOk(download);
  const downloadedBytes = await readBounded(download, maxDownloadBytes);
  const downloadMbps = toMbps(downloadedBytes, performance.now() - downloadStarted);

  const sample = new Uint8Array(uploadBytes);
  const uploadStarted = performance.now();
  const upload = await fetchGrid(
    url(httpUrl, workerId),
    { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: sample },
    PATH,
  );
  await ensureOk(upload);
  await upload.arrayBuffer();
  const uploadMbps = toMbps(uploadBytes, performance.now() - uploadStarted);

  return { pingMs: pingTotalMs / pings, downloadMbps, uploadMbps };
}

/** Severity of a log line; `silent` turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Where log lines go; tests pass their own sink to capture them. */
export type LogSink = (level: Exclude<LogLevel, 'silent'>, line: string) => void;

/** The worker's small levelled logger. Fields are redacted before they are written. */
export interface Logger {
  /** Writes a debugging detail. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Writes a step of normal operation. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Writes something unexpected that the worker recovered from. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Writes a failure. */
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Keys whose values are secrets or training data: never written. */
const SECRET_KEY = /token|secret|password|authorization|request_?key|diff|jwt/i;

/** Values that look like secrets wherever they appear: JWTs and 64-hex request keys. */
const SECRET_VALUE = [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, /\b[0-9a-f]{64}\b/gi];

/** `"key": "value"` pairs inside raw JSON text, for frames logged as text. */
const SECRET_JSON_PAIR =
  /"(auth_token|request_key|diff|token|secret|authorization)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

const REDACTED = '[redacted]';

/** Removes tokens, request keys and diffs from a string. */
export function redactText(text: string): string {
  let out = text.replace(SECRET_JSON_PAIR, (_m, key: string) => `"${key}":"${REDACTED}"`);
  for (const pattern of SECRET_VALUE) out = out.replace(pattern, REDACTED);
  return out;
}

/** Returns a copy of `value` with secret keys replaced and secret-looking strings removed. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
    return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/**
 * Creates a logger that writes lines at `level` and above.
 *
 * @param level - the lowest level written
 * @param sink - where lines go (the console by default)
 * @example
 * const log = createLogger('info');
 * log.info('authenticated', { workerId }); // `auth_token` fields would print as [redacted]
 */
export function createLogger(level: LogLevel, sink: LogSink = consoleSink): Logger {
  const write =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (RANK[lineLevel] < RANK[level]) return;
      const details = fields === undefined ? '' : ` ${JSON.stringify(redact(fields))}`;
      sink(lineLevel, `[syft] ${lineLevel}: ${redactText(message)}${details}`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

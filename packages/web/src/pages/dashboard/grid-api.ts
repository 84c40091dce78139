import { GridReadError } from '../../errors.js';

/** A hosted process as `GET /api/processes` lists it. */
export interface ProcessSummary {
  id: number;
  name: string;
  version: string;
  status: 'running' | 'complete';
  /** 0 means unlimited. */
  num_cycles: number;
  cycles_completed: number;
  current_cycle: number | null;
  checkpoints: number[];
}

/** A cycle as `GET /api/processes/:id/cycles` lists it. */
export interface CycleSummary {
  sequence: number;
  status: 'open' | 'completed';
  started_at: string;
  deadline: string;
  closed_at: string | null;
  admitted: number;
  reports: number;
  rejected: Record<string, number>;
  checkpoint_number: number | null;
}

/** A recorded evaluation as `GET /api/processes/:id/evaluations` lists it. */
export interface EvaluationSummary {
  checkpoint: number;
  accuracy: number | null;
  loss: number | null;
  examples: number | null;
  recorded_at: string;
}

type Check = (value: unknown) => boolean;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isString: Check = (v) => typeof v === 'string';
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks that `body` is an array of objects with these fields; names the first bad field. */
function listOf<T>(path: string, body: unknown, fields: Record<string, Check>): T[] {
  if (!Array.isArray(body)) throw new GridReadError(`${path} did not answer with a JSON array`);
  body.forEach((item: unknown, index) => {
    if (!isObject(item)) throw new GridReadError(`${path}[${index}] is not an object`);
    for (const [field, check] of Object.entries(fields)) {
      if (!check(item[field])) {
        throw new GridReadError(
          `${path}[${index}].${field} is malformed: ${JSON.stringify(item[field])}`,
        );
      }
    }
  });
  return body as T[];
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new GridReadError(`${path} answered ${response.status}`);
  return response.json();
}

/** The hosted processes. */
export async function fetchProcesses(): Promise<ProcessSummary[]> {
  const path = '/api/processes';
  return listOf(path, await getJson(path), {
    id: isNumber,
    name: isString,
    version: isString,
    status: isString,
    num_cycles: isNumber,
    cycles_completed: isNumber,
    current_cycle: orNull(isNumber),
    checkpoints: Array.isArray,
  });
}

/** The cycles of one process, oldest first. */
export async function fetchCycles(processId: number): Promise<CycleSummary[]> {
  const path = `/api/processes/${processId}/cycles`;
  return listOf(path, await getJson(path), {
    sequence: isNumber,
    status: isString,
    started_at: isString,
    deadline: isString,
    closed_at: orNull(isString),
    admitted: isNumber,
    reports: isNumber,
    rejected: isObject,
    checkpoint_number: orNull(isNumber),
  });
}

/** The evaluations recorded for one process's checkpoints, by checkpoint number. */
export async function fetchEvaluations(processId: number): Promise<EvaluationSummary[]> {
  const path = `/api/processes/${processId}/evaluations`;
  return listOf(path, await getJson(path), {
    checkpoint: isNumber,
    accuracy: orNull(isNumber),
    loss: orNull(isNumber),
    examples: orNull(isNumber),
    recorded_at: isString,
  });
}

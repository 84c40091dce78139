import { parseServerConfig, type ServerConfig } from './server-config.js';
import type { ProcessRecord } from './store/records.js';
import type { StoreTransaction } from './store/store.js';

/**
 * What a cycle request needs to know about a hosted process, derived once from the store: the
 * row, its resolved `server_config`, and the ids an accepted worker is sent.
 */
export interface ProcessFacts {
  process: ProcessRecord;
  config: ServerConfig;
  /** Client plan name to plan id (the averaging plan excluded). */
  plans: Record<string, number>;
  /** Protocol name to protocol id. */
  protocols: Record<string, number>;
  modelId: number;
}

/**
 * A cache of {@link ProcessFacts} by process id. A process, its plans, protocols and model
 * are written in one host transaction and never updated, so an entry stays true as long as
 * the row it came from is the one the store holds. Every lookup therefore reads the
 * process's key (id and creation time) inside the caller's transaction and uses the entry
 * only when both match; anything else is read afresh. No state lives only here.
 */
export class ProcessFactsCache {
  private readonly entries = new Map<number, ProcessFacts>();

  /**
   * The facts of the process `name`/`version` names (the latest by name when version is
   * null), or undefined when the store has no such process.
   *
   * @param tx - the caller's transaction
   * @param name - the process name
   * @param version - the version, or null for the latest
   * @throws GridError 400 when the stored server_config no longer resolves (a bug)
   */
  async find(
    tx: StoreTransaction,
    name: string,
    version: string | null,
  ): Promise<ProcessFacts | undefined> {
    const key = await tx.findProcessKey(name, version);
    if (!key) return undefined;
    const cached = this.entries.get(key.id);
    if (cached && cached.process.createdAtMs === key.createdAtMs) return cached;

    const process = await tx.getProcess(key.id);
    if (!process) return undefined;
    const plans = await tx.listPlans(process.id);
    const protocols = await tx.listProtocols(process.id);
    const model = await tx.getModelOfProcess(process.id);
    const facts: ProcessFacts = {
      process,
      config: parseServerConfig(process.serverConfig),
      plans: Object.fromEntries(
        plans.filter((p) => !p.isAveragingPlan).map((p) => [p.name as string, p.id]),
      ),
      protocols: Object.fromEntries(protocols.map((p) => [p.name, p.id])),
      modelId: model?.id ?? 0,
    };
    this.entries.set(process.id, facts);
    return facts;
  }
}

import type { Logger } from './logger.js';

/** A listener; it may be async. */
export type Listener<T> = (payload: T) => void | Promise<void>;

/**
 * A small typed publish/subscribe list. A listener that throws or rejects does not stop the
 * others: the failure goes to `onListenerError`.
 */
export class EventObserver<Events extends object> {
  private readonly listeners = new Map<keyof Events, Listener<never>[]>();

  /**
   * @param logger - where listener failures are logged when nobody else takes them
   * @param onListenerError - receives a listener's failure with the event it came from
   */
  constructor(
    private readonly logger: Logger,
    private readonly onListenerError?: (event: keyof Events, error: unknown) => void,
  ) {}

  /** Adds `listener` for `event`. */
  subscribe<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  /** How many listeners `event` has. */
  count(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` with `payload`, without waiting for async ones. */
  broadcast<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        const result = (listener as Listener<Events[E]>)(payload);
        if (result instanceof Promise) result.catch((error) => this.fail(event, error));
      } catch (error) {
        this.fail(event, error);
      }
    }
  }

  private fail(event: keyof Events, error: unknown): void {
    if (this.onListenerError !== undefined) {
      this.onListenerError(event, error);
      return;
    }
    this.logger.error(`a '${String(event)}' listener failed`, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

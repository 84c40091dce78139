import { RunError } from '../errors.js';

/** A model checkpoint the grid stores, addressed as the owner addresses it. */
export interface CheckpointAddress {
  /** Grid HTTP address. */
  readonly gridUrl: string;
  /** The grid's owner token. */
  readonly ownerToken: string;
  /** Process name. */
  readonly name: string;
  /** Process version. */
  readonly version: string;
}

/**
 * Downloads a checkpoint with `GET /model-centric/retrieve-model` and the owner token.
 *
 * @param address - grid, token and process
 * @param checkpoint - checkpoint number (1 is the initial model, n + 1 follows cycle n)
 * @returns the serialized `State`, or null while that checkpoint does not exist yet
 * @throws {@link RunError} for any answer other than 200 or 404
 */
export async function retrieveCheckpoint(
  address: CheckpointAddress,
  checkpoint: number,
): Promise<Uint8Array | null> {
  const query = new URLSearchParams({
    name: address.name,
    version: address.version,
    checkpoint: String(checkpoint),
  });
  const response = await fetch(`${address.gridUrl}/model-centric/retrieve-model?${query}`, {
    headers: { authorization: `Bearer ${address.ownerToken}` },
  });
  if (response.status === 404) return null;
  if (!response.ok) {
    throw new RunError(
      `retrieve-model checkpoint ${checkpoint} answered ${response.status}: ${await response.text()}`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Waits until a checkpoint exists (the grid writes it when the cycle closes) and downloads it.
 *
 * @param address - grid, token and process
 * @param checkpoint - checkpoint number
 * @param timeoutMs - how long to wait
 * @returns the serialized `State`
 * @throws {@link RunError} when it does not appear in time
 */
export async function awaitCheckpoint(
  address: CheckpointAddress,
  checkpoint: number,
  timeoutMs = 60_000,
): Promise<Uint8Array> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 10;
  while (Date.now() < deadline) {
    const bytes = await retrieveCheckpoint(address, checkpoint);
    if (bytes !== null) return bytes;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 500);
  }
  throw new RunError(`checkpoint ${checkpoint} did not appear within ${timeoutMs / 1000} s`);
}

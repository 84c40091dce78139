import * as tf from '@tensorflow/tfjs';

/** Backends whose tensors live in device memory, where a contiguous `tf.slice` is a view. */
const DEVICE_BACKENDS: ReadonlySet<string> = new Set(['webgl', 'webgpu']);

type RowValues = Float32Array | Int32Array | Uint8Array;

/**
 * The rows of one tensor, cut along its first dimension.
 *
 * On host-memory backends (wasm, cpu) a batch is made from a typed-array copy of the tensor
 * read once: tfjs-backend-wasm 4.22's `Slice` kernel copies its whole input out of the wasm
 * heap on every call, so `tf.slice` of a 6,000-example MNIST shard costs about twice a
 * training step. On the cpu backend the read hands back the tensor's own storage, so nothing
 * is copied there. On device backends (webgl, webgpu) the tensor is sliced in place.
 */
class TensorRows {
  private hostValues: RowValues | null = null;
  private readonly rowShape: number[];
  private readonly rowSize: number;

  constructor(private readonly tensor: tf.Tensor) {
    this.rowShape = tensor.shape.slice(1);
    this.rowSize = this.rowShape.reduce((size, dim) => size * dim, 1);
  }

  /** A new tensor of rows `start .. start + count - 1`; the caller disposes it. */
  take(start: number, count: number): tf.Tensor {
    if (!this.cutsOnHost()) return tf.slice(this.tensor, start, count);

    this.hostValues ??= this.tensor.dataSync<'float32' | 'int32' | 'bool'>();
    const values = this.hostValues.subarray(start * this.rowSize, (start + count) * this.rowSize);
    return tf.tensor(values, [count, ...this.rowShape], this.tensor.dtype);
  }

  /** Drops the host copy (it is read again on the next `take`). */
  release(): void {
    this.hostValues = null;
  }

  private cutsOnHost(): boolean {
    const { dtype } = this.tensor;
    const numeric = dtype === 'float32' || dtype === 'int32' || dtype === 'bool';
    return numeric && !DEVICE_BACKENDS.has(tf.getBackend());
  }
}

/**
 * The batches a PlanTrainer feeds its plan: rows of `data` and of `target`, cut along the
 * first dimension without touching the rest of either tensor on every batch.
 *
 * On wasm and cpu the rows are read to host memory once (on wasm that holds a second copy of
 * `data` and `target` in JS memory until `release()`, see docs/limitations.md) and each batch
 * is uploaded on its own; on webgl and webgpu batches are `tf.slice` views.
 *
 * @example
 * const batches = new TrainingBatches(data, target);
 * const [x, y] = batches.cut(64, 32); // rows 64..95
 * tf.dispose([x, y]);
 */
export class TrainingBatches {
  private readonly data: TensorRows;
  private readonly target: TensorRows;

  /**
   * @param data - the examples, first dimension = examples
   * @param target - the targets, same first dimension; neither is copied until the first cut
   */
  constructor(data: tf.Tensor, target: tf.Tensor) {
    this.data = new TensorRows(data);
    this.target = new TensorRows(target);
  }

  /**
   * New tensors holding rows `start .. start + size - 1` of data and target; the caller
   * disposes them.
   *
   * @param start - first row
   * @param size - number of rows
   */
  cut(start: number, size: number): [tf.Tensor, tf.Tensor] {
    const dataBatch = this.data.take(start, size);
    try {
      return [dataBatch, this.target.take(start, size)];
    } catch (error) {
      dataBatch.dispose();
      throw error;
    }
  }

  /** Frees the host copies of the rows. */
  release(): void {
    this.data.release();
    this.target.release();
  }
}

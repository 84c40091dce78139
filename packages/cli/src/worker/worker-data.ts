import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DatasetError } from '../errors.js';
import { type LabelledImages, readLabelledImages } from '../mnist/labelled-images.js';
import { MNIST_CLASS_COUNT } from '../mnist/mnist-dataset.js';

/** Name of the JSON examples file a worker data folder may hold instead of IDX files. */
export const EXAMPLES_JSON_FILE = 'examples.json';

/** Pixels per MNIST image (28 x 28), what the 2NN's first layer takes. */
export const MNIST_FEATURE_SIZE = 784;

/**
 * Loads a worker's local training data from a folder, which holds either
 * - an IDX image file (name ending `images-idx3-ubyte`) and an IDX label file (name ending
 *   `labels-idx1-ubyte`); when several are present the `train-` ones are used, or
 * - `examples.json`: `{"images": [[784 integers 0..255], ...], "labels": [0..9, ...]}`.
 *
 * @param folder - the folder given to `syft worker --data`
 * @returns the examples
 * @throws {@link DatasetError} naming the folder or file and what is wrong
 */
export async function readWorkerData(folder: string): Promise<LabelledImages> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new DatasetError(`cannot read data folder ${folder}: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const examples = names.includes(EXAMPLES_JSON_FILE)
    ? await readExamplesJson(join(folder, EXAMPLES_JSON_FILE))
    : await readIdxPair(folder, names);
  checkMnistShaped(examples, folder);
  return examples;
}

async function readIdxPair(folder: string, names: readonly string[]): Promise<LabelledImages> {
  const pick = (suffix: string): string => {
    const matches = names.filter((name) => name.endsWith(suffix));
    const chosen =
      matches.length === 1 ? matches[0] : matches.find((name) => name.startsWith('train-'));
    if (chosen === undefined) {
      throw new DatasetError(
        `data folder ${folder} needs one file ending '${suffix}' (or a train- one) or ` +
          `${EXAMPLES_JSON_FILE}; found ${matches.length === 0 ? 'none' : matches.join(', ')}`,
      );
    }
    return join(folder, chosen);
  };
  return readLabelledImages(pick('images-idx3-ubyte'), pick('labels-idx1-ubyte'));
}

async function readExamplesJson(path: string): Promise<LabelledImages> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`${path}: not readable JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { images, labels } = (parsed ?? {}) as { images?: unknown; labels?: unknown };
  if (!Array.isArray(images) || !Array.isArray(labels) || images.length !== labels.length) {
    throw new DatasetError(
      `${path}: expected {"images": [[...], ...], "labels": [...]} with one label per image`,
    );
  }

  const featureSize = Array.isArray(images[0]) ? images[0].length : 0;
  const pixels = new Uint8Array(images.length * featureSize);
  images.forEach((image: unknown, row) => {
    if (!Array.isArray(image) || image.length !== featureSize) {
      throw new DatasetError(`${path}: image ${row} does not have ${featureSize} pixels`);
    }
    image.forEach((value: unknown, column) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
        throw new DatasetError(
          `${path}: image ${row} pixel ${column} must be an integer 0..255, got ${String(value)}`,
        );
      }
      pixels[row * featureSize + column] = value;
    });
  });
  labels.forEach((label: unknown, row) => {
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > 255) {
      throw new DatasetError(
        `${path}: label ${row} must be an integer class, got ${String(label)}`,
      );
    }
  });
  return { count: images.length, featureSize, pixels, labels: Uint8Array.from(labels as number[]) };
}

function checkMnistShaped(examples: LabelledImages, folder: string): void {
  if (examples.count === 0) throw new DatasetError(`data folder ${folder} holds no examples`);
  if (examples.featureSize !== MNIST_FEATURE_SIZE) {
    throw new DatasetError(
      `data in ${folder} has ${examples.featureSize} pixels per image; the MNIST model takes ` +
        `${MNIST_FEATURE_SIZE} (28x28)`,
    );
  }
  const badLabel = examples.labels.find((label) => !(label < MNIST_CLASS_COUNT));
  if (badLabel !== undefined) {
    throw new DatasetError(`data in ${folder} has label ${badLabel}; expected 0..9`);
  }
}

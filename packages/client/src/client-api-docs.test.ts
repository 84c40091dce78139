import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsPath = fileURLToPath(new URL('../../../docs/client-api.md', import.meta.url));

/** Where the Syft API spec sits in the project layout: `../shared/spec` beside the repo root. */
const specPath = fileURLToPath(new URL('../../../../shared/spec/syft-api.md', import.meta.url));

/** The member names of the Syft API spec's table of contents (syft-api.md), names only. */
const SPEC_MEMBERS = [
  'Syft',
  'Parameters',
  'Examples',
  'newJob',
  'Job',
  'Properties',
  'on',
  'start',
  'request',
  'report',
  'train',
  'Job#accepted',
  'Job#rejected',
  'Job#error',
  'SyftModel',
  'toProtobuf',
  'createSerializedDiff',
  'createSerializedDiffFromModel',
  'Plan',
  'execute',
  'PlanTrainer',
  'stop',
  'resume',
  'createCheckpoint',
  'applyCheckpoint',
  'PlanTrainer#start',
  'PlanTrainer#end',
  'PlanTrainer#stop',
  'PlanTrainer#epochStart',
  'PlanTrainer#epochEnd',
  'PlanTrainer#batchStart',
  'PlanTrainer#batchEnd',
  'PlanInputSpec',
  'TYPE_DATA',
  'TYPE_TARGET',
  'TYPE_BATCH_SIZE',
  'TYPE_CLIENT_CONFIG_PARAM',
  'TYPE_VALUE',
  'TYPE_MODEL_PARAM',
  'PlanOutputSpec',
  'TYPE_LOSS',
  'TYPE_METRIC',
  'PlanTrainerCheckpoint',
  'toJSON',
  'fromJSON',
];

/** The member names in the spec's table of contents: `-   [name][n]` lines. */
function tableOfContents(markdown: string): string[] {
  const toc = markdown.slice(0, markdown.indexOf('\n## '));
  return [...toc.matchAll(/^\s*-\s+\[([^\]]+)\]\[\d+\]/gm)].map((m) => m[1] as string);
}

describe('docs/client-api.md', () => {
  const docs = readFileSync(docsPath, 'utf8');

  it('mentions every member of the spec table of contents', () => {
    const missing = SPEC_MEMBERS.filter((name) => !docs.includes(name));

    expect(missing).toEqual([]);
  });

  it.runIf(existsSync(specPath))('lists every member of the spec file, when it is present', () => {
    const members = tableOfContents(readFileSync(specPath, 'utf8'));

    const unlisted = members.filter((name) => !SPEC_MEMBERS.includes(name));

    expect(members.length).toBeGreaterThanOrEqual(70);
    expect(unlisted).toEqual([]);
  });

  it('documents the extensions: numSamples, hostTraining and the rejection reason', () => {
    for (const name of ['numSamples', 'hostTraining', 'reason']) expect(docs).toContain(name);
  });
});

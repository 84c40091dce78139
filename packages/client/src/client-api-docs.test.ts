import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const specPath = '/work/shared/spec/syft-api.md';
const docsPath = fileURLToPath(new URL('../../../docs/client-api.md', import.meta.url));

/** The member names in the spec's table of contents: `-   [name][n]` lines. */
function tableOfContents(markdown: string): string[] {
  const toc = markdown.slice(0, markdown.indexOf('\n## '));
  return [...toc.matchAll(/^\s*-\s+\[([^\]]+)\]\[\d+\]/gm)].map((m) => m[1] as string);
}

describe('docs/client-api.md', () => {
  const spec = readFileSync(specPath, 'utf8');
  const docs = readFileSync(docsPath, 'utf8');
  const members = tableOfContents(spec);

  it('reads the whole table of contents of the spec', () => {
    expect(members.length).toBeGreaterThanOrEqual(70);
    expect(members).toContain('PlanTrainerCheckpoint');
  });

  it('mentions every member of the spec table of contents', () => {
    const missing = members.filter((name) => !docs.includes(name));

    expect(missing).toEqual([]);
  });

  it('documents the extensions: numSamples, hostTraining and the rejection reason', () => {
    for (const name of ['numSamples', 'hostTraining', 'reason']) expect(docs).toContain(name);
  });
});

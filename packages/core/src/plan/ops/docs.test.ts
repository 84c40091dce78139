import { readFileSync, writeFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { TORCH_KWARG_NAMES } from './kwargs.js';
import { OP_GROUPS } from './table.js';

const DOC = new URL('../../../../../docs/plans.md', import.meta.url);
const START = '<!-- op-table:start (generated from packages/core/src/plan/ops/table.ts) -->';
const END = '<!-- op-table:end -->';

/** The op list section of docs/plans.md, rendered from the op table. */
function renderOpList(): string {
  const groups = OP_GROUPS.map(({ title, ops }) => {
    const rows = ops.map((op) => {
      const aliases = Object.entries(op.kwargAliases ?? {})
        .map(([torch, tfjs]) => `\`${torch}\`→\`${tfjs}\``)
        .join(', ');
      const returns = op.returns === 'tensors' ? ' (several results)' : '';
      return `| \`${op.name}\`${returns} | ${op.params.map((p) => `\`${p}\``).join(', ')} | ${aliases} |`;
    });
    return [
      `### ${title}`,
      '',
      '| op | positional slots (tfjs order) | extra kwarg names |',
      '|---|---|---|',
      ...rows,
    ].join('\n');
  });
  const shared = Object.entries(TORCH_KWARG_NAMES)
    .map(([torch, tfjs]) => `\`${torch}\`→\`${tfjs}\``)
    .join(', ');
  const count = OP_GROUPS.reduce((n, g) => n + g.ops.length, 0);
  return [
    START,
    `${count} ops. Kwarg names shared by every op: ${shared}.`,
    '',
    groups.join('\n\n'),
    END,
  ].join('\n');
}

/** Markdown compared modulo formatting (Prettier pads table cells and separator rows). */
function normalize(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^:?-+:?$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');
}

describe('docs/plans.md', () => {
  it('lists exactly the ops of the op table (UPDATE_DOCS=1 rewrites the section)', () => {
    const expected = renderOpList();
    if (process.env.UPDATE_DOCS === '1') {
      const [before, rest] = readFileSync(DOC, 'utf8').split(START);
      writeFileSync(DOC, `${before ?? ''}${expected}${rest?.split(END)[1] ?? ''}`);
    }

    const section = readFileSync(DOC, 'utf8').split(START)[1]?.split(END)[0] ?? '';

    expect(normalize(`${START}${section}${END}`)).toBe(normalize(expected));
  });
});

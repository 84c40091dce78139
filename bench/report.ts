/**
 * What sections hand back to the runner, and how they become Markdown.
 */

/** One line of a section's results table. */
export interface ResultRow {
  /** What was measured. */
  what: string;
  /** The measured value, formatted with its unit. */
  value: string;
  /** The ratio against the baseline of the same run, formatted (or '' when none). */
  ratio: string;
  /** The target the row checks, in words (or '' when none). */
  target: string;
  /** Whether the target is met; null when the row has no target. */
  pass: boolean | null;
}

/** The outcome of one section. */
export interface SectionResult {
  /** Section title. */
  title: string;
  /** What the section measures and how, a few sentences. */
  method: string;
  /** The results. */
  rows: ResultRow[];
  /** Extra lines (notes, skipped parts). */
  notes: string[];
}

const verdict = (pass: boolean | null): string => (pass === null ? '' : pass ? 'pass' : 'miss');

/** Renders a section as Markdown. */
export function sectionMarkdown(section: SectionResult): string {
  const lines = [`## ${section.title}`, '', section.method, ''];
  if (section.rows.length > 0) {
    lines.push('| measured | value | ratio | target | result |', '|---|---:|---:|---|---|');
    for (const row of section.rows) {
      lines.push(
        `| ${row.what} | ${row.value} | ${row.ratio} | ${row.target} | ${verdict(row.pass)} |`,
      );
    }
    lines.push('');
  }
  for (const note of section.notes) lines.push(`- ${note}`);
  if (section.notes.length > 0) lines.push('');
  return lines.join('\n');
}

/** Formats milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

/** Formats a ratio as `1.23x`. */
export function times(value: number): string {
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(2)}x`;
}

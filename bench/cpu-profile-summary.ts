/**
 * Prints where a V8 CPU profile (`node --cpu-prof`) spent its time: the functions with the
 * most self time, and optionally the inclusive time of functions whose location contains a
 * filter (e.g. `packages/grid`). Used for the evidence in docs/benchmarks.md.
 *
 *   npx tsx bench/cpu-profile-summary.ts /tmp/grid-prof/CPU.*.cpuprofile [top=25] [filter]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg = '25', filter] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: cpu-profile-summary.ts <file.cpuprofile> [top] [filter]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parents.set(child, node.id);

const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/.*node_modules\//, '').replace(/.*\/packages\//, 'packages/');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};

// Microseconds of samples per node.
const sampled = new Map<number, number>();
profile.samples.forEach((id, i) => {
  sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...sampled.values()].reduce((a, b) => a + b, 0);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, micros] of sampled) {
  const node = nodes.get(id) as ProfileNode;
  self.set(label(node), (self.get(label(node)) ?? 0) + micros);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parents.get(cur)) {
    const name = label(nodes.get(cur) as ProfileNode);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
}

const print = (title: string, entries: [string, number][]): void => {
  console.log(title);
  for (const [name, micros] of entries) {
    const ms = (micros / 1000).toFixed(0).padStart(7);
    const share = ((100 * micros) / total).toFixed(1).padStart(5);
    console.log(`${ms} ms ${share}%  ${name}`);
  }
};
const top = Number(topArg);
console.log(`profile: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time:', [...self].sort((a, b) => b[1] - a[1]).slice(0, top));
if (filter !== undefined) {
  const matching = [...inclusive].filter(([name]) => name.includes(filter));
  print(`inclusive time, "${filter}":`, matching.sort((a, b) => b[1] - a[1]).slice(0, top));
}

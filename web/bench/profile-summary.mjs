// Summarises a .cpuprofile (Chrome DevTools format): self and total time per function, the heaviest first.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, limit = '30'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const name = (n) => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
};
const selfBy = new Map();
const totalBy = new Map();
for (const [id, us] of self) {
  const n = nodes.get(id);
  selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + us);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const key = name(nodes.get(at));
    if (!seen.has(key)) totalBy.set(key, (totalBy.get(key) ?? 0) + us);
    seen.add(key);
  }
}
const top = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(limit))
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
const all = [...self.values()].reduce((a, b) => a + b, 0);
console.log(
  `sampled ${(all / 1000).toFixed(1)} ms\n-- self --\n${top(selfBy).join('\n')}\n-- total --\n${top(totalBy).join('\n')}`,
);

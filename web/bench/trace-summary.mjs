// Summarises a Chrome trace (bench/ward1000.spec.ts, PATRONAGE_BENCH_TRACE): the main thread's style recalcs, layouts,
// pre-paint, paint and scripts in order, with the invalidations recorded before each recalc and layout (their reason,
// the node and the first frames of the stack that caused them).
// Usage: node bench/trace-summary.mjs FILE.json
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const data = JSON.parse(readFileSync(file, 'utf8'));
const events = (Array.isArray(data) ? data : data.traceEvents).filter((e) => e.ts > 0);
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const onMain = events
  .filter((e) => !main || (e.pid === main.pid && e.tid === main.tid))
  .sort((a, b) => a.ts - b.ts);
const shown = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'EventDispatch',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'v8.evaluateModule',
  'ParseAuthorStyleSheet',
  'IntersectionObserverController::computeIntersections',
  'Commit',
]);
const start = onMain.find((e) => shown.has(e.name))?.ts ?? 0;
const stack = (e) =>
  (e.args?.data?.stackTrace ?? [])
    .slice(0, 4)
    .map((f) => `${f.functionName || '?'}@${(f.url ?? '').split('/').pop()}:${f.lineNumber}`)
    .join(' < ');
let pending = new Map();
for (const e of onMain) {
  if (e.name.endsWith('InvalidationTracking')) {
    const d = e.args?.data ?? {};
    const key = `${e.name.replace('InvalidationTracking', '')} ${d.reason ?? d.changedAttribute ?? d.invalidationSet ?? ''} ${d.nodeName ?? ''} ${d.changedAttribute ? `[${d.changedAttribute}]` : ''} ${d.changedClass ? `.${d.changedClass}` : ''} ${d.changedId ? `#${d.changedId}` : ''} ${d.changedPseudo ?? ''} ${d.extraData ?? ''} ${stack(e)}`;
    pending.set(key, (pending.get(key) ?? 0) + 1);
    continue;
  }
  if (!shown.has(e.name) || e.ph !== 'X') {
    continue;
  }
  const d = e.args?.beginData ?? e.args?.data ?? {};
  const extra =
    e.name === 'UpdateLayoutTree'
      ? ` elements ${e.args?.elementCount ?? d.elementCount ?? '?'}`
      : e.name === 'Layout'
        ? ` dirty ${d.dirtyObjects ?? '?'}/${d.totalObjects ?? '?'} ${d.partialLayout ? 'partial' : 'whole'}`
        : e.name === 'EventDispatch'
          ? ` ${d.type}`
          : e.name === 'FunctionCall'
            ? ` ${d.functionName ?? ''}@${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`
            : '';
  console.log(
    `${((e.ts - start) / 1000).toFixed(1).padStart(8)} ms ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${e.name}${extra}`,
  );
  if ((e.name === 'UpdateLayoutTree' || e.name === 'Layout') && pending.size > 0) {
    for (const [key, count] of [...pending].slice(0, 12)) {
      console.log(`${' '.repeat(22)}· ${count}× ${key}`);
    }
    if (pending.size > 12) {
      console.log(`${' '.repeat(22)}· … ${pending.size - 12} more kinds`);
    }
    pending = new Map();
  }
}

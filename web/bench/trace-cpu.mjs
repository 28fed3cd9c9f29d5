// The main thread's tasks in a Chrome trace (bench/ward1000.spec.ts, PATRONAGE_BENCH_TRACE) from the section switch
// on, each with its thread (CPU) time beside its wall time, and the thread time summed by kind of work. On a loaded
// machine a task's wall time grows with the load and its thread time much less: the thread time at CPU ×1
// (PATRONAGE_BENCH_CPU_RATE=1) is the figure to compare builds by. At ×4 the thread time counts Chromium's throttle.
// Usage: node bench/trace-cpu.mjs FILE.json
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const data = JSON.parse(readFileSync(file, 'utf8'));
const events = (Array.isArray(data) ? data : data.traceEvents).filter((e) => e.ts > 0);
const change = events.find((e) => e.name === 'EventDispatch');
const onMain = events
  .filter((e) => e.pid === change.pid && e.tid === change.tid && e.ph === 'X')
  .sort((a, b) => a.ts - b.ts);
const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
const tasks = onMain.filter((e) => e.name === 'RunTask');
const first = tasks.findIndex((t) => t.ts + t.dur >= change.ts);
const ms = (us) => (us / 1000).toFixed(1);
const byKind = new Map();
const add = (kind, us) => byKind.set(kind, (byKind.get(kind) ?? 0) + us);
let thread = 0;
let wall = 0;
for (const task of tasks.slice(first)) {
  thread += task.tdur ?? 0;
  wall += task.dur;
  const inside = onMain.filter(
    (e) => !isTask(e) && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
  );
  const outermost = inside.filter(
    (e) => !inside.some((o) => o !== e && e.ts >= o.ts && e.ts + e.dur <= o.ts + o.dur),
  );
  let named = 0;
  const parts = [];
  for (const e of outermost) {
    const d = e.args?.data ?? {};
    const kind = `${e.name}${d.type ? `:${d.type}` : ''}`;
    add(kind, e.tdur ?? 0);
    named += e.tdur ?? 0;
    if ((e.tdur ?? 0) >= 300) {
      parts.push(`${kind} ${ms(e.tdur)}`);
    }
  }
  add('(rest of the task)', (task.tdur ?? 0) - named);
  if ((task.tdur ?? 0) >= 500) {
    console.log(
      `${ms(task.ts - change.ts).padStart(8)} ms  thread ${ms(task.tdur ?? 0).padStart(5)}  wall ${ms(task.dur).padStart(5)}  ${parts.join(' | ')}`,
    );
  }
}
console.log(`thread time ${ms(thread)} ms, wall ${ms(wall)} ms; thread time by kind:`);
for (const [kind, us] of [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`${ms(us).padStart(8)} ms  ${kind}`);
}

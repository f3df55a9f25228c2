/**
 * Summarises a V8 .cpuprofile (node --cpu-prof, or the inspector's Profiler as the bench uses it): where the server's CPU time went, by package
 * (self time, and "on the stack" inclusive time) and the hottest application-level functions.
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

/** Which package (or bucket) a frame belongs to. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program)';
    return '(native)';
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return 'node (core)';
  if (/\/dist\/(apps|libs)\//.test(url)) return 'intentcast (apps/libs)';
  if (url.includes('/dist/bench/')) return 'bench';
  return 'other';
}

const frameLabel = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  selfByBucket: Array<[string, number]>;
  inclusiveByBucket: Array<[string, number]>;
  inclusiveFunctions: Array<[string, number]>;
}

export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfByBucket = new Map<string, number>();
  const inclusiveByBucket = new Map<string, number>();
  const inclusiveFunctions = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((sample, index) => {
    // The first delta runs from Profiler.start to the first tick (hundreds of ms spent starting the
    // profiler, charged to whatever frame the first sample caught): not the server's work.
    const delta = index === 0 ? 0 : (profile.timeDeltas[index] ?? 0);
    totalUs += delta;
    const leaf = byId.get(sample)!;
    const leafBucket = bucketOf(leaf.callFrame.url, leaf.callFrame.functionName);
    if (leafBucket === '(idle)') idleUs += delta;
    selfByBucket.set(leafBucket, (selfByBucket.get(leafBucket) ?? 0) + delta);
    const buckets = new Set<string>();
    const functions = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
      buckets.add(bucket);
      if (node.callFrame.url && bucket !== 'node (core)') functions.add(frameLabel(node));
    }
    for (const bucket of buckets) inclusiveByBucket.set(bucket, (inclusiveByBucket.get(bucket) ?? 0) + delta);
    for (const label of functions) inclusiveFunctions.set(label, (inclusiveFunctions.get(label) ?? 0) + delta);
  });
  const sorted = (map: Map<string, number>) =>
    [...map.entries()].map(([key, us]) => [key, us / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return {
    totalMs: totalUs / 1000,
    busyMs: (totalUs - idleUs) / 1000,
    selfByBucket: sorted(selfByBucket),
    inclusiveByBucket: sorted(inclusiveByBucket),
    inclusiveFunctions: sorted(inclusiveFunctions),
  };
}

export function formatProfileSummary(summary: ProfileSummary, requests: number, topFunctions = 40): string {
  const perRequest = (ms: number) => ((ms * 1000) / Math.max(1, requests)).toFixed(0);
  const share = (ms: number) => `${((100 * ms) / Math.max(1, summary.busyMs)).toFixed(1)}%`;
  const lines = [
    `CPU profile: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms, ${requests} requests ` +
      `(${perRequest(summary.busyMs)} µs busy CPU per request)`,
    '',
    '| package | self | self µs/req | on stack (inclusive) |',
    '| --- | --- | --- | --- |',
  ];
  const inclusive = new Map(summary.inclusiveByBucket);
  for (const [bucket, ms] of summary.selfByBucket) {
    if (bucket === '(idle)' || ms / summary.busyMs < 0.005) continue;
    lines.push(`| ${bucket} | ${share(ms)} | ${perRequest(ms)} | ${share(inclusive.get(bucket) ?? 0)} |`);
  }
  lines.push('', '| function (inclusive, node core left out) | on stack | µs/req |', '| --- | --- | --- |');
  for (const [label, ms] of summary.inclusiveFunctions.slice(0, topFunctions)) {
    lines.push(`| \`${label}\` | ${share(ms)} | ${perRequest(ms)} |`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const [file, requests] = process.argv.slice(2);
  console.log(formatProfileSummary(summariseProfile(file), Number(requests) || 1));
}

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const children = new Set<ChildProcess>();

/** Starts a child node process and waits for `readyLine` on its stdout. */
export function startChild(
  script: string,
  env: NodeJS.ProcessEnv,
  readyLine: string,
  execArgv: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...execArgv, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script}: not ready within 60 s`)), 60_000);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (process.env.BENCH_CHILD_OUTPUT) process.stderr.write(chunk);
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
      if (output.length > 10_000) output = output.slice(-1000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    });
  });
}

/** SIGTERM, then SIGKILL after 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(killer);
}

/** Stops every child still running (on the way out, also after a failure). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}

/** User + system CPU seconds of a process so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

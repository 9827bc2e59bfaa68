import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

/** A port the OS just handed out (listen on 0, then release it for the child). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Environment for a child: the same Node as the tests (Node 22 from the devDependency) first on PATH. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: process.env.HOME, ...env };
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, ...out })));
  return { out, exited };
}

/** Runs `tsx <script> ...args` from the repository root to completion (the CLIs, or a start-up that must fail). */
export function runTsx(script: string, args: string[], env: Record<string, string>): Promise<Exit> {
  const child = spawn(TSX, [script, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child).exited;
}

export type ServerProcess = { url: string; port: number; output: () => string; stop: () => Promise<Exit> };

/**
 * Starts the Node entry as a child process on a free port and resolves once it has printed its
 * start-up lines (it is listening by then); rejects with its output if it exits first. From source
 * (`tsx src/server.ts`) by default; `built` runs the bundle `npm start` runs (`node dist/server.js`,
 * made by the build before the tests), with `nodeArgs` before it.
 */
export async function startServerProcess(env: Record<string, string>, options: { built?: boolean; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const [command, args] = options.built ? [process.execPath, [...(options.nodeArgs ?? []), 'dist/server.js']] : [TSX, ['src/server.ts']];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { out, exited } = collect(child);
  const listening = new Promise<void>((resolve) => {
    const onData = () => {
      // The Duplicati options are the last start-up line: the URL and any generated token come before.
      if (out.stdout.includes('Duplicati options:')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
  });
  const early = await Promise.race([listening.then(() => null), exited]);
  if (early) throw new Error(`the server exited before listening (code ${early.code}):\n${early.stdout}\n${early.stderr}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => out.stdout + out.stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

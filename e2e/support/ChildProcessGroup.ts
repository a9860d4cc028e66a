import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

function killAll() {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

// Whatever way the test process ends — normal exit, a thrown error, Ctrl-C, the runner
// terminating it — no server it started outlives it.
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    // The test runner replaces process.exit in its workers, so end by the signal itself:
    // with no listener left, its default action terminates the process (and with it the
    // browser, whose control pipe closes).
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves once the process has exited (at once if it already has). */
  exited: Promise<void>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `command` and resolves once a line of its output matches `ready`, with the match.
 * Rejects (and kills the process) if it exits first or `timeoutMs` passes.
 */
export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number; name: string },
): Promise<{ process: StartedProcess; match: RegExpMatchArray }> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const started: StartedProcess = {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(new Error(`${options.name} did not start within ${options.timeoutMs ?? 20_000} ms`));
    }, options.timeoutMs ?? 20_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- ${options.name} output ---\n${output}`));
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // eslint-disable-next-line no-control-regex
      const match = output.replace(/\u001b\[[0-9;]*m/g, '').match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolve({ process: started, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(error));
    child.once('exit', (code, signal) => {
      fail(new Error(`${options.name} exited (${signal ?? code}) before it was ready`));
    });
  });
}

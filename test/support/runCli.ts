import { main } from '../../src/cli/main';

/** Runs the `cortex-rx` command in-process and resolves with what it wrote to stdout (stderr is silenced). */
export async function runCli(...args: string[]): Promise<string> {
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await main(['node', 'cortex-rx', ...args]);
    return out.join('');
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

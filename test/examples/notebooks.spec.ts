import { spawn, spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const probe = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
const kernelProbe = spawnSync('/usr/bin/python3', ['-c', 'import ipykernel'], { encoding: 'utf8' });
const missing =
  probe.status !== 0
    ? `jupyter nbconvert is missing (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()})`
    : kernelProbe.status !== 0
      ? 'python3-ipykernel is missing'
      : undefined;
// Jest prints no reason for a skip: the test name carries it.
const SUFFIX = missing ? ` [skipped: ${missing}; apt-get install -y jupyter-nbconvert python3-ipykernel]` : '';
if (missing) console.warn(`notebooks.spec.ts:${SUFFIX}`);

const NOTEBOOKS = ['erp.ipynb', 'offline.ipynb', 'quickstart.ipynb'];

describe('examples/notebooks (npm run notebooks)', () => {
  (missing ? it.skip : it)(
    `executes every notebook on the tslab kernel without an error output, each with an inline figure${SUFFIX}`,
    async () => {
      const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'scripts', 'notebooks.js')], { cwd: ROOT });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
      // The problems of a failed notebook follow its line, indented: a failure shows them.
      expect(run.out.split('\n').filter((l) => /^(ok|FAIL| {5}\S)/.test(l))).toEqual(
        NOTEBOOKS.map((n) =>
          expect.stringMatching(new RegExp(`^ok   ${n.replace('.', '\\.')} \\([1-9]\\d* inline figures\\)$`)),
        ),
      );
      expect(run.code).toBe(0);
      // the executed notebooks hold the figures as display data: SVG from cortex-rx/plot
      for (const name of NOTEBOOKS) {
        const nb = JSON.parse(readFileSync(join(ROOT, 'examples', 'notebooks', 'out', name), 'utf8')) as {
          cells: { outputs?: { output_type: string; data?: Record<string, unknown> }[] }[];
        };
        const svgs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.['image/svg+xml'] !== undefined);
        expect(svgs.length).toBeGreaterThan(0);
      }
    },
    20 * 60_000, // three notebooks, each a kernel start, a TypeScript compile per cell and 10-15 s of recording
  );
});

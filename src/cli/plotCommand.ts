import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { firstValueFrom, switchMap } from 'rxjs';
import { collect, type EegCapture } from '../observables/collect';
import { CortexError } from '../observables';
import { openCortex, withCortexOptions, type CortexOptions, type OpenCortex } from './cortexOptions';
import { analyzeCapture } from '../plot/analyzeCapture';
import { bandPowerFigure } from '../plot/bandPowerFigure';
import { erpFigure } from '../plot/erpFigure';
import { psdFigure } from '../plot/psdFigure';
import { readCsvExport } from '../plot/readCsvExport';
import { renderPng } from '../plot/renderPng';
import { renderSvg } from '../plot/renderSvg';
import { requirePlotPackages } from '../plot/requirePlotPackage';
import type { Figure } from '../plot/figure';

interface PlotOptions extends CortexOptions {
  readonly record?: string;
  readonly seconds?: number;
  readonly out: string;
  readonly headset?: string;
}

/** Exports a record to CSV in a scratch folder and reads it back. */
async function captureRecord(cortex: OpenCortex, recordId: string): Promise<EegCapture> {
  const scratch = mkdtempSync(join(tmpdir(), 'cortex-rx-plot-'));
  try {
    const result = await firstValueFrom(
      cortex.client.exportRecord({
        recordIds: [recordId],
        folder: scratch,
        format: 'CSV',
        streamTypes: ['EEG'],
        version: 'V2',
      }),
    );
    const failure = result.failure[0];
    if (failure) throw new CortexError(failure.code ?? -32603, `${recordId}: ${failure.message}`, 'exportRecord');
    const files = readdirSync(scratch);
    const eeg = files.find((f) => f.endsWith('_EEG.csv'));
    if (!eeg) throw new Error(`the export of ${recordId} has no EEG file`);
    const markers = files.find((f) => f.endsWith('_markers.csv'));
    return readCsvExport(join(scratch, eeg), markers ? join(scratch, markers) : undefined);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `cortex-rx plot (--record ID | --seconds N) --out DIR`: writes psd, bandpower (and erp, when the record has
 * markers) as SVG and PNG files.
 *
 * ## Example
 * ```ts
 * await plotCommand().parseAsync(['node', 'plot', '--seconds', '10', '--out', 'plots']);
 * ```
 */
export function plotCommand(): Command {
  return withCortexOptions(new Command('plot'))
    .description(
      'Plot a record (--record) or a live capture (--seconds): PSD per channel, band power over time, ERP around markers; SVG and PNG.',
    )
    .option('--record <id>', 'a record id (cortex-rx records lists them)')
    .option('--seconds <n>', 'capture this many seconds of live EEG instead', (v: string) => {
      const n = Number(v);
      if (!(n >= 2)) throw new InvalidArgumentError(`--seconds must be a number >= 2, got "${v}".`);
      return n;
    })
    .option('--headset <id>', 'live capture: headset id (default: the first connected)')
    .requiredOption('--out <dir>', 'folder for the SVG and PNG files (created if missing)')
    .action(async (opts: PlotOptions) => {
      if ((opts.record === undefined) === (opts.seconds === undefined)) {
        throw new InvalidArgumentError('give exactly one of --record <id> and --seconds <n>.');
      }
      // vega, vega-lite and resvg are optional peer dependencies: say what to install before capturing anything.
      requirePlotPackages();
      mkdirSync(opts.out, { recursive: true });
      const cortex = await openCortex(opts);
      try {
        const capture =
          opts.record !== undefined
            ? await captureRecord(cortex, opts.record)
            : await collect(cortex.client.session({ headset: opts.headset }).pipe(switchMap((s) => s.stream('eeg'))), {
                seconds: opts.seconds!,
              });
        const analysis = await analyzeCapture(capture);
        const what = opts.record !== undefined ? `record ${opts.record}` : `${opts.seconds} s live capture`;
        const figures: Array<[string, Figure]> = [
          ['psd', psdFigure({ ...analysis.psd, title: `Power spectral density · ${what}` })],
          ['bandpower', bandPowerFigure({ ...analysis.bandPower, title: `Band power over time · ${what}` })],
        ];
        if (analysis.erp)
          figures.push(['erp', erpFigure({ ...analysis.erp, title: `Event-related potential · ${what}` })]);
        for (const [name, figure] of figures) {
          const svg = await renderSvg(figure);
          writeFileSync(join(opts.out, `${name}.svg`), svg);
          writeFileSync(join(opts.out, `${name}.png`), renderPng(svg));
          process.stdout.write(`${join(opts.out, `${name}.svg`)}\n${join(opts.out, `${name}.png`)}\n`);
        }
      } finally {
        await new Promise((r) => setTimeout(r, 100));
        await cortex.close();
      }
    });
}

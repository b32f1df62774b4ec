// Runs part 5 (bench/endToEnd.ts) alone, printing its figures: `node --expose-gc --import tsx
// bench/diagnosis/endToEndOnly.ts [rounds]`. For iterating on the ingest path without the whole `npm run bench`.
import { runEndToEnd, pairedTimeRatio } from '../endToEnd';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 10);
  {
    const r = await runEndToEnd({ headsets: 64, rounds });
    for (const h of [1, 64]) {
      const at = (k: string) => r.cases.find((c) => c.headsets === h && c.key === k)!;
      const cx = at('cortexRx');
      process.stdout.write(
        `${h} headset(s): ${r.cases
          .filter((c) => c.headsets === h)
          .map(
            (c) =>
              `${c.key} ${c.nsPerFrame.toFixed(0)} ns/frame ${c.bytesPerFrame.toFixed(0)} B/frame emissions ${c.emissions}/${c.expectedEmissions}`,
          )
          .join(
            '; ',
          )}\n  cortexRx / floor ${pairedTimeRatio(cx, at('floor')).toFixed(3)}, pipes / cortexRx ${pairedTimeRatio(at('neurosityPipes'), cx).toFixed(2)}, cortexRx core per headset ${((cx.nsPerFrame * 256) / 1e9).toExponential(3)}\n`,
      );
    }
    process.stdout.write(`diagnostics: ${r.diagnostics}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);

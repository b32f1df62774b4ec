import { epoch as pipesEpoch, fft as pipesFft, powerByBand } from '@neurosity/pipes';
import { Observable, type Subscription } from 'rxjs';
import { CORTEX_BANDS } from '../src/dsp/cortexBands';
import { bandPower, epoch, psd } from './cortexRxOperators';
import { createFloorLoop } from './floorLoop';
import { AllocationProbe, GcRecorder, allocatedCounter, calibrateCounter, forceGc, type GcSummary } from './heap';
import { progress, summarize } from './stats';
import type { SyntheticRecording } from './syntheticHour';

/**
 * Part 1: the band-power chain, 256-sample epochs every 32 samples, Hann window, the five Cortex bands, over one
 * hour of 14-channel 256 Hz EEG, for three contenders fed the same samples in the same process:
 *
 * - `cortexRx`: `epoch({ lengthSamples: 256, hopSamples: 32, copy: false })` →
 *   `bandPower({ sampleRateHz: 256, segmentLength: 256, window: 'hann', bands: CORTEX_BANDS, copy: false })`,
 *   the documented zero-allocation configuration (each stage reads its input synchronously);
 * - `cortexRxCopy`: the same with the defaults (`copy: true`: every epoch and every result is a fresh array);
 * - `neurosityPipes`: `@neurosity/pipes` 5.2 `epoch({ duration: 256, interval: 32, samplingRate: 256 })` →
 *   `fft({ bins: 256 })` → `powerByBand(bands)` on samples shaped as it expects, `{ data: number[], timestamp }`;
 * - `floor`: a hand-written loop over preallocated `Float64Array`s with one reused fft.js instance (real
 *   transform), no RxJS, computing exactly what cortex-rx computes (constant detrend, periodic Hann,
 *   `|X|²/(fs·Σw²)` one-sided, rectangle-rule band sums).
 *
 * Inputs come from a small pool of sample objects refilled from the recording (the pool is larger than any
 * window a contender keeps references into), so the input itself allocates nothing and the allocation measured is
 * the chain's own. Each contender keeps one subscription across the whole hour; the hour is cut into segments and
 * the contenders take turns on each segment (order rotated), with a forced GC before each turn, so the rates of
 * all three come from the same minutes of the same process.
 */

/** Epoch length and hop, in samples. */
export const EPOCH_SAMPLES = 256;
export const HOP_SAMPLES = 32;
const BAND_NAMES = Object.keys(CORTEX_BANDS) as Array<keyof typeof CORTEX_BANDS>;
const BAND_COUNT = BAND_NAMES.length;
/** Pool of reused input objects; must exceed the samples a contender holds references to (pipes: 256 + 32). */
const POOL_SIZE = 1024;

export type ChainKey = 'cortexRx' | 'cortexRxCopy' | 'neurosityPipes' | 'floor';

/** Per-channel, per-band values of one epoch in the contender's own unit, channel-major `[c · 5 + b]`. */
type EpochSink = (values: ArrayLike<number>) => void;

interface RunningContender {
  /** Feeds sample `i` of the recording. */
  push(i: number): void;
  /** Ends the subscription. */
  close(): void;
}

interface ChainContender {
  readonly key: ChainKey;
  readonly label: string;
  /** The unit of the values it emits (they differ: see the notes). */
  readonly unit: string;
  /** Input samples per allocation chunk: small enough that most chunks see no GC. */
  readonly chunkSamples: number;
  open(rec: SyntheticRecording, sink: EpochSink): RunningContender;
}

/** Result of one contender over the hour. */
export interface ChainResult {
  readonly key: ChainKey;
  readonly label: string;
  readonly unit: string;
  readonly samples: number;
  readonly epochs: number;
  /** Median over segments, and the spread (max − min)/median. */
  readonly samplesPerS: number;
  /** Rate on each segment, in segment order (for ratios paired by segment). */
  readonly segmentRates: readonly number[];
  readonly spread: number;
  /** Total time over the hour (s). */
  readonly seconds: number;
  readonly bytesPerSample: number;
  readonly allocationChunks: number;
  readonly rejectedChunks: number;
  readonly gc: GcSummary;
  /** Heap kept alive after the last segment and a forced GC, relative to before the subscription (bytes). */
  readonly retainedBytes: number;
  /** Per channel, the index of the band with the largest hour-mean value. */
  readonly dominantBand: readonly number[];
  /** Per epoch and channel, the dominant band (for agreement between contenders). */
  readonly perEpochDominant: Uint8Array;
  /** Sum over epochs of every value, `[c · 5 + b]` (for a value cross-check between cortexRx and floor). */
  readonly sums: Float64Array;
}

/** A source whose `next` the driver calls directly, as a socket handler would. */
function pushSource<T>(): { source: Observable<T>; next: (value: T) => void } {
  let target: ((value: T) => void) | undefined;
  const source = new Observable<T>((subscriber) => {
    target = (v) => subscriber.next(v);
    return () => {
      target = undefined;
    };
  });
  return { source, next: (v) => target?.(v) };
}

interface CortexSampleObject {
  values: Float64Array;
  timeS: number;
  channels: readonly string[];
}

function cortexRxContender(copy: boolean): ChainContender {
  return {
    key: copy ? 'cortexRxCopy' : 'cortexRx',
    label: copy ? 'cortex-rx, copy: true (defaults)' : 'cortex-rx epoch → bandPower (copy: false)',
    unit: 'µV² (Welch PSD integrated over [lo, hi))',
    chunkSamples: copy ? 256 : 4096,
    open(rec, sink) {
      const { channelCount, data, sampleRateHz } = rec;
      const pool: CortexSampleObject[] = Array.from({ length: POOL_SIZE }, () => ({
        values: new Float64Array(channelCount),
        timeS: 0,
        channels: rec.channels,
      }));
      const { source, next } = pushSource<CortexSampleObject>();
      const sub: Subscription = source
        .pipe(
          epoch({ lengthSamples: EPOCH_SAMPLES, hopSamples: HOP_SAMPLES, copy }),
          bandPower({ sampleRateHz, segmentLength: EPOCH_SAMPLES, window: 'hann', bands: CORTEX_BANDS, copy }),
        )
        .subscribe((out) => sink(out.absoluteUv2));
      return {
        push(i) {
          const s = pool[i & (POOL_SIZE - 1)];
          const v = s.values;
          const base = i * channelCount;
          for (let c = 0; c < channelCount; c++) v[c] = data[base + c];
          s.timeS = i / sampleRateHz;
          next(s);
        },
        close: () => sub.unsubscribe(),
      };
    },
  };
}

interface PipesSample {
  data: number[];
  timestamp: number;
}

function pipesContender(): ChainContender {
  // pipes bands are inclusive [min, max]; the same five ranges as CORTEX_BANDS.
  const bands: Record<string, [number, number]> = Object.fromEntries(
    BAND_NAMES.map((name): [string, [number, number]] => [name, [CORTEX_BANDS[name][0], CORTEX_BANDS[name][1]]]),
  );
  return {
    key: 'neurosityPipes',
    label: '@neurosity/pipes 5.2 epoch → fft → powerByBand',
    unit: 'mean of dsp.js |X|·2/N over [lo, hi] (µV amplitude, no window)',
    chunkSamples: 64,
    open(rec, sink) {
      const { channelCount, data, sampleRateHz } = rec;
      // Packed double arrays, as a device driver's `data: [...]` literals are (`new Array(n)` would be holey).
      const pool: PipesSample[] = Array.from({ length: POOL_SIZE }, () => ({
        data: Array.from({ length: channelCount }, () => 0.5),
        timestamp: 0,
      }));
      const row = new Float64Array(channelCount * BAND_COUNT);
      const { source, next } = pushSource<PipesSample>();
      const sub = source
        .pipe(
          pipesEpoch({ duration: EPOCH_SAMPLES, interval: HOP_SAMPLES, samplingRate: sampleRateHz }),
          pipesFft({ bins: EPOCH_SAMPLES }),
          powerByBand(bands),
        )
        .subscribe((out: Record<string, number[]>) => {
          for (let b = 0; b < BAND_COUNT; b++) {
            const perChannel = out[BAND_NAMES[b]];
            for (let c = 0; c < channelCount; c++) row[c * BAND_COUNT + b] = perChannel[c];
          }
          sink(row);
        });
      return {
        push(i) {
          const s = pool[i & (POOL_SIZE - 1)];
          const d = s.data;
          const base = i * channelCount;
          for (let c = 0; c < channelCount; c++) d[c] = data[base + c];
          s.timestamp = (i * 1000) / sampleRateHz;
          next(s);
        },
        close: () => sub.unsubscribe(),
      };
    },
  };
}

function floorContender(): ChainContender {
  return {
    key: 'floor',
    label: 'floor: hand loop, Float64Array, one fft.js real transform',
    unit: 'µV² (same computation as cortex-rx)',
    chunkSamples: 4096,
    open(rec, sink) {
      const { channelCount: C, data, sampleRateHz } = rec;
      const floor = createFloorLoop(C, sampleRateHz, EPOCH_SAMPLES, HOP_SAMPLES, sink);
      const pool: Float64Array[] = Array.from({ length: POOL_SIZE }, () => new Float64Array(C));
      return {
        push(i) {
          const values = pool[i & (POOL_SIZE - 1)];
          const base = i * C;
          for (let c = 0; c < C; c++) values[c] = data[base + c];
          floor.push(values, 0);
        },
        close: () => undefined,
      };
    },
  };
}

/**
 * The cortex-rx chain cut at each stage, for the breakdown: `epoch` alone, `epoch` → `psd`, and the full chain
 * (`epoch` → `bandPower`), all `copy: false`, each emission only counted.
 */
function cortexRxStage(stage: 'epoch' | 'epochPsd' | 'epochBandPower'): ChainContender {
  return {
    key: 'cortexRx',
    label: stage,
    unit: '',
    chunkSamples: 4096,
    open(rec) {
      const { channelCount, data, sampleRateHz } = rec;
      const pool: CortexSampleObject[] = Array.from({ length: POOL_SIZE }, () => ({
        values: new Float64Array(channelCount),
        timeS: 0,
        channels: rec.channels,
      }));
      const { source, next } = pushSource<CortexSampleObject>();
      const epochs = source.pipe(epoch({ lengthSamples: EPOCH_SAMPLES, hopSamples: HOP_SAMPLES, copy: false }));
      const welch = { sampleRateHz, segmentLength: EPOCH_SAMPLES, window: 'hann' as const, copy: false };
      let emitted = 0;
      const count = () => {
        emitted++;
      };
      const sub: Subscription =
        stage === 'epoch'
          ? epochs.subscribe(count)
          : stage === 'epochPsd'
            ? epochs.pipe(psd(welch)).subscribe(count)
            : epochs.pipe(bandPower({ ...welch, bands: CORTEX_BANDS })).subscribe(count);
      return {
        push(i) {
          const s = pool[i & (POOL_SIZE - 1)];
          const v = s.values;
          const base = i * channelCount;
          for (let c = 0; c < channelCount; c++) v[c] = data[base + c];
          s.timeS = i / sampleRateHz;
          next(s);
        },
        close: () => {
          sub.unsubscribe();
          if (emitted === 0) throw new Error(`stage ${stage} emitted nothing`);
        },
      };
    },
  };
}

/** Time per input sample of each cumulative stage of the cortex-rx chain, and of the floor (ns/sample). */
export interface StageBreakdown {
  readonly samples: number;
  readonly rounds: number;
  /** Median ns per input sample, by stage: `epoch`, `epochPsd`, `epochBandPower`, `floor`. */
  readonly nsPerSample: Record<string, number>;
}

/**
 * Runs the cortex-rx chain cut at each stage, and the floor, over the first `samples` samples, `rounds` times
 * (alternating, order rotated, after one warm-up round): where the time between cortex-rx and the floor goes.
 */
export function runChainStages(rec: SyntheticRecording, options: { samples: number; rounds: number }): StageBreakdown {
  const stages: Array<[string, ChainContender]> = [
    ['epoch', cortexRxStage('epoch')],
    ['epochPsd', cortexRxStage('epochPsd')],
    ['epochBandPower', cortexRxStage('epochBandPower')],
    ['floor', floorContender()],
  ];
  const noSink: EpochSink = () => undefined;
  const times = new Map<string, number[]>(stages.map(([name]) => [name, []]));
  for (let round = -1; round < options.rounds; round++) {
    for (let k = 0; k < stages.length; k++) {
      const [name, contender] = stages[(Math.max(round, 0) + k) % stages.length];
      const probe = new AllocationProbe(Math.ceil(options.samples / contender.chunkSamples) + 4);
      forceGc();
      const run = contender.open(rec, noSink);
      const t0 = performance.now();
      drive(run, probe, 0, options.samples, contender.chunkSamples);
      const t1 = performance.now();
      run.close();
      if (round >= 0) times.get(name)!.push(((t1 - t0) * 1e6) / options.samples);
    }
  }
  const nsPerSample: Record<string, number> = {};
  for (const [name, values] of times) nsPerSample[name] = summarize(values).median;
  progress(
    `band-power chain stages (ns/sample): ${Object.entries(nsPerSample)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  return { samples: options.samples, rounds: options.rounds, nsPerSample };
}

/** Collects what a contender emits: hour sums per channel and band, and each epoch's dominant band per channel. */
function collector(channelCount: number, maxEpochs: number) {
  const sums = new Float64Array(channelCount * BAND_COUNT);
  const perEpochDominant = new Uint8Array(maxEpochs * channelCount);
  let epochs = 0;
  const sink: EpochSink = (values) => {
    if (epochs >= maxEpochs) return;
    const rowBase = epochs * channelCount;
    for (let c = 0; c < channelCount; c++) {
      let best = 0;
      for (let b = 0; b < BAND_COUNT; b++) {
        const v = values[c * BAND_COUNT + b];
        sums[c * BAND_COUNT + b] += v;
        if (v > values[c * BAND_COUNT + best]) best = b;
      }
      perEpochDominant[rowBase + c] = best;
    }
    epochs++;
  };
  return { sink, sums, perEpochDominant, epochs: () => epochs };
}

function dominantPerChannel(sums: Float64Array, channelCount: number): number[] {
  return Array.from({ length: channelCount }, (_, c) => {
    let best = 0;
    for (let b = 1; b < BAND_COUNT; b++) if (sums[c * BAND_COUNT + b] > sums[c * BAND_COUNT + best]) best = b;
    return best;
  });
}

/** Feeds samples `[from, to)` to `run`, reading the allocation counter every `chunk` samples. */
function drive(run: RunningContender, probe: AllocationProbe, from: number, to: number, chunk: number): void {
  probe.begin(from);
  let nextMark = from + chunk;
  for (let i = from; i < to; i++) {
    run.push(i);
    if (i + 1 === nextMark) {
      probe.mark(i + 1);
      nextMark += chunk;
    }
  }
  probe.mark(to);
}

/** Options of the chain benchmark. */
export interface ChainOptions {
  /** Segments the hour is cut into; contenders alternate on each. */
  readonly segments: number;
  /** Samples of the warm-up run of each contender (on a separate subscription, before the hour). */
  readonly warmupSamples: number;
  /** Contenders to run (default all). */
  readonly only?: readonly ChainKey[];
}

/** Runs part 1 and returns one result per contender. */
export async function runBandPowerChain(rec: SyntheticRecording, options: ChainOptions): Promise<ChainResult[]> {
  const contenders = [cortexRxContender(false), cortexRxContender(true), pipesContender(), floorContender()].filter(
    (c) => options.only === undefined || options.only.includes(c.key),
  );
  const gc = new GcRecorder();
  gc.start();
  const counterCost = calibrateCounter();

  // Warm-up: every contender twice over the first minutes, on throwaway subscriptions, through the same driver.
  for (let round = 0; round < 2; round++) {
    for (const contender of contenders) {
      const sink = collector(rec.channelCount, Math.ceil(options.warmupSamples / HOP_SAMPLES) + 1);
      const run = contender.open(rec, sink.sink);
      const probe = new AllocationProbe(Math.ceil(options.warmupSamples / contender.chunkSamples) + 4);
      drive(run, probe, 0, options.warmupSamples, contender.chunkSamples);
      run.close();
    }
  }
  progress(
    `band-power chain: warmed up (${options.warmupSamples} samples x2 per contender, counter cost ${counterCost} B)`,
  );

  const maxEpochs = Math.floor((rec.sampleCount - EPOCH_SAMPLES) / HOP_SAMPLES) + 1;
  const state = contenders.map((contender) => {
    forceGc();
    const before = allocatedCounter();
    const sink = collector(rec.channelCount, maxEpochs);
    const maxMarks = Math.ceil(rec.sampleCount / contender.chunkSamples) + 4 * options.segments + 4;
    return {
      contender,
      sink,
      before,
      run: undefined as RunningContender | undefined,
      probe: new AllocationProbe(maxMarks),
      segmentRates: [] as number[],
      seconds: 0,
      windows: [] as Array<[number, number]>,
    };
  });
  for (const s of state) s.run = s.contender.open(rec, s.sink.sink);

  const segmentLength = Math.ceil(rec.sampleCount / options.segments);
  for (let seg = 0; seg < options.segments; seg++) {
    const from = seg * segmentLength;
    const to = Math.min(rec.sampleCount, from + segmentLength);
    // Rotate the order so that no contender always runs first (or right after another one's garbage).
    for (let k = 0; k < state.length; k++) {
      const s = state[(seg + k) % state.length];
      forceGc();
      const t0 = performance.now();
      drive(s.run!, s.probe, from, to, s.contender.chunkSamples);
      const t1 = performance.now();
      s.windows.push([t0, t1]);
      s.seconds += (t1 - t0) / 1000;
      s.segmentRates.push((to - from) / ((t1 - t0) / 1000));
    }
    progress(
      `band-power chain: segment ${seg + 1}/${options.segments} done (${state
        .map((s) => `${s.contender.key} ${Math.round(s.segmentRates[seg])} samples/s`)
        .join(', ')})`,
    );
  }
  await gc.flush();

  const results: ChainResult[] = [];
  for (const s of state) {
    s.run!.close();
    forceGc();
    const retainedBytes = allocatedCounter() - s.before;
    const alloc = s.probe.bytesPerSample(gc, counterCost);
    const gcTotals = s.windows.reduce<GcSummary>(
      (acc, [a, b]) => {
        const g = gc.between(a, b);
        return {
          count: acc.count + g.count,
          minor: acc.minor + g.minor,
          major: acc.major + g.major,
          pauseMs: acc.pauseMs + g.pauseMs,
        };
      },
      { count: 0, minor: 0, major: 0, pauseMs: 0 },
    );
    const rates = summarize(s.segmentRates);
    results.push({
      key: s.contender.key,
      label: s.contender.label,
      unit: s.contender.unit,
      samples: rec.sampleCount,
      epochs: s.sink.epochs(),
      samplesPerS: rates.median,
      segmentRates: s.segmentRates,
      spread: rates.spread,
      seconds: s.seconds,
      bytesPerSample: alloc.bytesPerSample,
      allocationChunks: alloc.chunks,
      rejectedChunks: alloc.rejected,
      gc: gcTotals,
      retainedBytes,
      dominantBand: dominantPerChannel(s.sink.sums, rec.channelCount),
      perEpochDominant: s.sink.perEpochDominant,
      sums: s.sink.sums,
    });
  }
  gc.stop();
  return results;
}

/** Agreement between two contenders: per-channel dominant band over the hour, and per epoch. */
export function agreement(
  a: ChainResult,
  b: ChainResult,
): { channelsAgree: number; channels: number; perEpochAgree: number } {
  const channels = a.dominantBand.length;
  let channelsAgree = 0;
  for (let c = 0; c < channels; c++) if (a.dominantBand[c] === b.dominantBand[c]) channelsAgree++;
  const n = Math.min(a.epochs, b.epochs) * channels;
  let same = 0;
  for (let i = 0; i < n; i++) if (a.perEpochDominant[i] === b.perEpochDominant[i]) same++;
  return { channelsAgree, channels, perEpochAgree: n > 0 ? same / n : NaN };
}

/**
 * How many times faster `a` is than `b`: the median over segments of the ratio of their rates on the same segment
 * (both ran within a second or so of each other), which cancels the machine's drift better than a ratio of medians.
 */
export function pairedRatio(a: ChainResult, b: ChainResult): number {
  const ratios = a.segmentRates.map((rate, i) => rate / b.segmentRates[i]);
  return summarize(ratios).median;
}

/** Largest relative difference between two contenders' hour sums (cortex-rx against the floor: same unit). */
export function maxRelativeDifference(a: ChainResult, b: ChainResult): number {
  let worst = 0;
  for (let i = 0; i < a.sums.length; i++) {
    const d = Math.abs(a.sums[i] - b.sums[i]) / Math.max(Math.abs(a.sums[i]), Math.abs(b.sums[i]), Number.MIN_VALUE);
    if (d > worst) worst = d;
  }
  return worst;
}

/** Band names in the order of `dominantBand` indices. */
export const CHAIN_BAND_NAMES: readonly string[] = BAND_NAMES;

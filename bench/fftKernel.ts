import { FFT as DspFft } from 'dsp.js';
import FftJs from 'fft.js';
import { progress, summarize } from './stats';
import { syntheticHour } from './syntheticHour';

/**
 * Part 2: the FFT kernels cortex-rx can run on, dsp.js (radix-2 complex, what `getFftPlan` uses) and fft.js
 * (radix-4; `realTransform` is what `createWelch` uses by default), at 256 and 1024 points. Every case turns the
 * same real input into the same output, the magnitude spectrum `2/N · |X[k]|` for `k < N/2` (dsp.js's
 * `spectrum`), with one plan reused for every transform; plan construction is measured apart. Cases alternate
 * in rounds after a warm-up; the rate is the median over rounds.
 */

/** One case: a name with its size, and a function doing `count` transforms (returns a checksum). */
interface KernelCase {
  readonly name: string;
  readonly library: 'dsp.js' | 'fft.js';
  readonly size: number;
  readonly kind: 'transform' | 'plan';
  run(count: number): number;
  /** The magnitude spectrum of the input (transform cases). */
  magnitudes?(): Float64Array;
}

function input(size: number): Float64Array {
  // O1 of the synthetic EEG (10 Hz alpha, noise, the 4200 µV offset): a realistic segment.
  const rec = syntheticHour(size);
  const o1 = rec.channels.indexOf('O1');
  return Float64Array.from({ length: size }, (_, n) => rec.data[n * rec.channelCount + o1]);
}

function cases(size: number): KernelCase[] {
  const x = input(size);
  const half = size / 2;
  const scale = 2 / size;

  const dsp = new DspFft(size, 256);
  const dspSpectrum = (dsp as unknown as { spectrum: Float64Array }).spectrum;

  const real = new FftJs(size);
  const realOut = new Float64Array(2 * size);
  const realMagnitudes = new Float64Array(half);
  const realMagnitude = (): void => {
    for (let k = 0; k < half; k++) {
      const re = realOut[2 * k];
      const im = realOut[2 * k + 1];
      realMagnitudes[k] = scale * Math.sqrt(re * re + im * im);
    }
  };

  const complex = new FftJs(size);
  const complexIn = new Float64Array(2 * size);
  const complexOut = new Float64Array(2 * size);
  const complexMagnitudes = new Float64Array(half);
  const complexTransform = (): void => {
    for (let n = 0; n < size; n++) complexIn[2 * n] = x[n]; // imaginary parts stay 0
    complex.transform(complexOut, complexIn);
    for (let k = 0; k < half; k++) {
      const re = complexOut[2 * k];
      const im = complexOut[2 * k + 1];
      complexMagnitudes[k] = scale * Math.sqrt(re * re + im * im);
    }
  };

  return [
    {
      name: `dsp.js FFT.forward(${size})`,
      library: 'dsp.js',
      size,
      kind: 'transform',
      run(count) {
        let sum = 0;
        for (let i = 0; i < count; i++) {
          dsp.forward(x); // complex transform, then `spectrum` (2/N·|X|)
          sum += dspSpectrum[1];
        }
        return sum;
      },
      magnitudes: () => {
        dsp.forward(x);
        return Float64Array.from(dspSpectrum);
      },
    },
    {
      name: `fft.js realTransform(${size}) + |X|`,
      library: 'fft.js',
      size,
      kind: 'transform',
      run(count) {
        let sum = 0;
        for (let i = 0; i < count; i++) {
          real.realTransform(realOut, x);
          realMagnitude();
          sum += realMagnitudes[1];
        }
        return sum;
      },
      magnitudes: () => {
        real.realTransform(realOut, x);
        realMagnitude();
        return Float64Array.from(realMagnitudes);
      },
    },
    {
      name: `fft.js transform(${size}) complex + |X|`,
      library: 'fft.js',
      size,
      kind: 'transform',
      run(count) {
        let sum = 0;
        for (let i = 0; i < count; i++) {
          complexTransform();
          sum += complexMagnitudes[1];
        }
        return sum;
      },
      magnitudes: () => {
        complexTransform();
        return Float64Array.from(complexMagnitudes);
      },
    },
    {
      name: `dsp.js new FFT(${size}) (plan)`,
      library: 'dsp.js',
      size,
      kind: 'plan',
      run(count) {
        let sum = 0;
        for (let i = 0; i < count; i++) sum += new DspFft(size, 256).bufferSize;
        return sum;
      },
    },
    {
      name: `fft.js new FFT(${size}) (plan)`,
      library: 'fft.js',
      size,
      kind: 'plan',
      run(count) {
        let sum = 0;
        for (let i = 0; i < count; i++) sum += new FftJs(size).size;
        return sum;
      },
    },
  ];
}

/** One case's result. */
export interface FftCaseResult {
  readonly name: string;
  readonly library: string;
  readonly size: number;
  readonly kind: 'transform' | 'plan';
  /** Transforms (or plans) per second: the median over rounds, and the spread (max − min)/median. */
  readonly perS: number;
  readonly spread: number;
}

/** Part 2's result. */
export interface FftResult {
  readonly cases: FftCaseResult[];
  /** Per size: the largest |a − b| / max|a| between dsp.js's and fft.js's magnitude spectra. */
  readonly maxRelativeMagnitudeError: Record<string, number>;
  readonly rounds: number;
  readonly batchMs: number;
}

/** Runs part 2. */
export function runFftKernel(options: { rounds: number; batchMs: number; sizes: readonly number[] }): FftResult {
  const all = options.sizes.flatMap(cases);
  const maxRelativeMagnitudeError: Record<string, number> = {};
  for (const size of options.sizes) {
    const transforms = all.filter((c) => c.size === size && c.magnitudes !== undefined);
    const reference = transforms[0].magnitudes!();
    let peak = 0;
    for (const v of reference) peak = Math.max(peak, Math.abs(v));
    let worst = 0;
    for (const other of transforms.slice(1)) {
      const m = other.magnitudes!();
      for (let k = 0; k < reference.length; k++) worst = Math.max(worst, Math.abs(m[k] - reference[k]) / peak);
    }
    maxRelativeMagnitudeError[String(size)] = worst;
  }

  // Warm-up, and a batch size per case that takes about `batchMs`.
  const batch = new Map<KernelCase, number>();
  let sink = 0;
  for (const c of all) {
    let count = 64;
    for (;;) {
      const t0 = performance.now();
      sink += c.run(count);
      const ms = performance.now() - t0;
      if (ms >= options.batchMs / 4) {
        batch.set(c, Math.max(1, Math.round((count * options.batchMs) / ms)));
        break;
      }
      count *= 2;
    }
    sink += c.run(batch.get(c)!);
  }
  progress(`fft kernel: warmed up ${all.length} cases`);

  const rates = new Map<KernelCase, number[]>(all.map((c) => [c, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < all.length; k++) {
      const c = all[(round + k) % all.length];
      const count = batch.get(c)!;
      const t0 = performance.now();
      sink += c.run(count);
      const ms = performance.now() - t0;
      rates.get(c)!.push(count / (ms / 1000));
    }
  }
  if (!Number.isFinite(sink)) throw new Error('fft kernel checksum is not finite');
  progress(`fft kernel: ${options.rounds} rounds done`);

  return {
    cases: all.map((c) => {
      const s = summarize(rates.get(c)!);
      return { name: c.name, library: c.library, size: c.size, kind: c.kind, perS: s.median, spread: s.spread };
    }),
    maxRelativeMagnitudeError,
    rounds: options.rounds,
    batchMs: options.batchMs,
  };
}

import { PerformanceObserver, constants, performance, type PerformanceEntry } from 'perf_hooks';
import { getHeapStatistics } from 'v8';

/**
 * How this benchmark counts allocation and GC (Node 20 has no allocation counter API):
 *
 * - **Bytes allocated** are read from `v8.getHeapStatistics()` as `used_heap_size + external_memory` (the JS heap
 *   plus ArrayBuffer backing stores, which live off-heap: a `Float64Array(14)` is ~240 B on the heap and 112 B
 *   outside it). Between two readings with **no GC in between**, the difference is exactly what was allocated
 *   (nothing is freed without a GC). So the run is cut into chunks of a fixed number of input samples, the
 *   counter is read at every chunk boundary, and only chunks that no GC overlapped are kept (GC entries come from
 *   a `PerformanceObserver` on `gc`, whose `startTime` is on the same clock as `performance.now()`). The cost of a
 *   reading itself (`getHeapStatistics` allocates its result object) is calibrated and subtracted. The first chunk
 *   of a run (subscription set-up) is left out: what is reported is the steady state.
 * - **GC count and pause** are the `gc` entries whose start falls inside the run, and the sum of their durations.
 * - The GC is forced (`global.gc()`, run node with `--expose-gc`) before every measured run, so a run never pays
 *   for the garbage of the one before, and after it, to report what the run retained.
 */
export const ALLOCATION_METHOD =
  'bytes/sample = Δ(used_heap_size + external_memory) of v8.getHeapStatistics() summed over the chunks of a run that no GC overlapped (PerformanceObserver gc entries), minus the calibrated cost of a reading, divided by their input samples; first chunk (set-up) excluded';

/** One GC, as a `PerformanceObserver` reports it. */
export interface GcEvent {
  /** Start, on the `performance.now()` clock (ms). */
  readonly startMs: number;
  /** Pause (ms). */
  readonly durationMs: number;
  /** `minor` (scavenge), `major` (mark-compact), `incremental` (marking step) or `weakcb`. */
  readonly kind: 'minor' | 'major' | 'incremental' | 'weakcb' | 'other';
}

/** GC totals over an interval. */
export interface GcSummary {
  /** GCs that started in the interval. */
  readonly count: number;
  /** Scavenges among them. */
  readonly minor: number;
  /** Mark-compacts among them. */
  readonly major: number;
  /** Sum of their pauses (ms). */
  readonly pauseMs: number;
}

function kindOf(entry: PerformanceEntry): GcEvent['kind'] {
  const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
  switch (detail?.kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weakcb';
    default:
      return 'other';
  }
}

/** Records every GC of the process from `start()` on; entries arrive asynchronously, so `await flush()` first. */
export class GcRecorder {
  private readonly events: GcEvent[] = [];
  private observer: PerformanceObserver | undefined;

  start(): void {
    if (this.observer) return;
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        this.events.push({ startMs: e.startTime, durationMs: e.duration, kind: kindOf(e) });
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Lets pending GC entries be delivered (the observer is called from the event loop). */
  async flush(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }

  /** GCs that started in `[fromMs, toMs]`. */
  between(fromMs: number, toMs: number): GcSummary {
    let count = 0;
    let minor = 0;
    let major = 0;
    let pauseMs = 0;
    for (const e of this.events) {
      if (e.startMs < fromMs || e.startMs > toMs) continue;
      count++;
      if (e.kind === 'minor') minor++;
      if (e.kind === 'major') major++;
      pauseMs += e.durationMs;
    }
    return { count, minor, major, pauseMs };
  }

  /** True when a GC was running at some time in `[fromMs, toMs]`. */
  overlaps(fromMs: number, toMs: number): boolean {
    for (const e of this.events) {
      if (e.startMs <= toMs && e.startMs + e.durationMs >= fromMs) return true;
    }
    return false;
  }
}

/** Runs a full GC (twice, so weak callbacks and their garbage go too). Needs `--expose-gc`. */
export function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('run node with --expose-gc (npm run bench does)');
  gc();
  gc();
}

/** JS heap in use plus off-heap ArrayBuffer memory, in bytes. */
export function allocatedCounter(): number {
  const s = getHeapStatistics();
  return s.used_heap_size + s.external_memory;
}

/** Bytes one `allocatedCounter()` reading allocates by itself (the median over many GC-free pairs). */
export function calibrateCounter(): number {
  const deltas: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = allocatedCounter();
    const b = allocatedCounter();
    if (b >= a) deltas.push(b - a);
  }
  deltas.sort((x, y) => x - y);
  return deltas.length > 0 ? deltas[deltas.length >> 1] : 0;
}

/**
 * Chunk-boundary readings of one contender, preallocated so that recording allocates nothing but the reading
 * itself. A contender's run is one or more stretches (its turns); call `begin()` at the start of each stretch and
 * `mark()` at every chunk boundary inside it (and at its end). Chunks never span two stretches.
 */
export class AllocationProbe {
  private readonly times: Float64Array;
  private readonly bytes: Float64Array;
  private readonly samples: Float64Array;
  /** 1 where the reading starts a stretch. */
  private readonly starts: Uint8Array;
  private count = 0;

  constructor(maxMarks: number) {
    this.times = new Float64Array(maxMarks);
    this.bytes = new Float64Array(maxMarks);
    this.samples = new Float64Array(maxMarks);
    this.starts = new Uint8Array(maxMarks);
  }

  /** Starts a stretch after `samplesSoFar` input samples. */
  begin(samplesSoFar: number): void {
    this.record(samplesSoFar, 1);
  }

  /** Records a chunk boundary after `samplesSoFar` input samples. */
  mark(samplesSoFar: number): void {
    this.record(samplesSoFar, 0);
  }

  private record(samplesSoFar: number, start: number): void {
    const i = this.count;
    if (i >= this.times.length) return;
    this.bytes[i] = allocatedCounter();
    this.times[i] = performance.now();
    this.samples[i] = samplesSoFar;
    this.starts[i] = start;
    this.count = i + 1;
  }

  /**
   * Bytes per input sample over the GC-free chunks, with the counter's own cost removed; the first chunk of the
   * first stretch (subscription set-up: buffers allocated on the first sample) is left out. `chunks` counts the
   * chunks used, `rejected` those a GC overlapped.
   */
  bytesPerSample(gc: GcRecorder, counterCost: number): { bytesPerSample: number; chunks: number; rejected: number } {
    let bytes = 0;
    let samples = 0;
    let chunks = 0;
    let rejected = 0;
    let skippedFirst = false;
    for (let i = 1; i < this.count; i++) {
      if (this.starts[i] === 1) continue; // the gap between two stretches is not a chunk
      if (!skippedFirst) {
        skippedFirst = true;
        continue;
      }
      // Reading i−1 took its bytes before its time and reading i its bytes before its time: the chunk lies in
      // [times[i−1] − ε, times[i]].
      if (gc.overlaps(this.times[i - 1] - 1, this.times[i])) {
        rejected++;
        continue;
      }
      const delta = this.bytes[i] - this.bytes[i - 1] - counterCost;
      if (delta < -counterCost) {
        // Memory went down with no GC entry (e.g. ArrayBuffer memory released by a concurrent sweep): unclean too.
        rejected++;
        continue;
      }
      bytes += Math.max(0, delta);
      samples += this.samples[i] - this.samples[i - 1];
      chunks++;
    }
    return { bytesPerSample: samples > 0 ? bytes / samples : NaN, chunks, rejected };
  }
}

/** Heap in use after a forced GC (bytes): what a run keeps alive. */
export function retainedHeap(): number {
  forceGc();
  return allocatedCounter();
}

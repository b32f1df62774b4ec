/** mulberry32, inlined so the DSP tests depend on nothing outside src/dsp. Floats in [0, 1). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic test input: seeded uniform noise in [-1, 1) plus a sine, so no bin is structurally zero. */
export function testSignal(n: number, seed: number): Float64Array {
  const rand = seededUniform(seed);
  return Float64Array.from({ length: n }, (_, i) => rand() * 2 - 1 + 0.5 * Math.sin(0.3 * i));
}

/** Seeded standard normal samples (Box–Muller), scaled by `sigma`. */
export function gaussianNoise(n: number, seed: number, sigma = 1): Float64Array {
  const rand = seededUniform(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rand()));
    const angle = 2 * Math.PI * rand();
    out[i] = sigma * radius * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = sigma * radius * Math.sin(angle);
  }
  return out;
}

/** `amplitude · sin(2π f n / fs + phase)` for n = 0..length-1. */
export function sine(
  length: number,
  frequencyHz: number,
  sampleRateHz: number,
  amplitude = 1,
  phaseRad = 0,
): Float64Array {
  return Float64Array.from(
    { length },
    (_, n) => amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / sampleRateHz + phaseRad),
  );
}

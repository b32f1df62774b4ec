/** A scrolling multi-channel EEG view on a canvas: the last `windowS` seconds, one lane per channel. */
export interface EegTraces {
  /** Starts over with these channels at this rate (a new session). */
  reset(channels: readonly string[], sampleRateHz: number): void;
  /** Appends one sample (µV per channel, DC removed). */
  push(values: ArrayLike<number>): void;
  /** Marks a break: the line stops here and starts again with the next sample. */
  gap(): void;
  /** Draws a marker line at the next sample pushed (a sample that carries a Cortex marker). */
  markNext(): void;
  /** µV from a lane's centre to its edge. */
  setScaleUv(scaleUv: number): void;
}

const LABEL_W = 44;
const SCALE_W = 64;

interface TraceState {
  channels: readonly string[];
  rateHz: number;
  /** One ring per channel, `capacity` samples; NaN marks a gap. */
  rings: Float32Array[];
  capacity: number;
  /** Samples written so far (the ring index is `written % capacity`). */
  written: number;
  /** 1 where a sample carried a marker, same ring as `rings`. */
  marks: Uint8Array;
  markPending: boolean;
  scaleUv: number;
  dirty: boolean;
}

/**
 * Draws EEG lanes on `canvas` once per animation frame when new samples came: newest at the right edge, a grid
 * line per second, a red line at each marker, the channel names on the left and a µV scale bar on the right. Samples are kept in one
 * `Float32Array` ring per channel, allocated on `reset`.
 *
 * ## Example
 * ```ts
 * const traces = createEegTraces(document.querySelector('canvas')!, 5);
 * traces.reset(['AF3', 'O1'], 256);
 * traces.push([1.5, -3.2]);
 * ```
 * @param canvas where to draw (its CSS size decides the lanes)
 * @param windowS seconds shown
 */
export function createEegTraces(canvas: HTMLCanvasElement, windowS: number): EegTraces {
  const state: TraceState = {
    channels: [],
    rateHz: 1,
    rings: [],
    capacity: 1,
    written: 0,
    marks: new Uint8Array(1),
    markPending: false,
    scaleUv: 50,
    dirty: true,
  };
  const ctx = canvas.getContext('2d')!;
  const frame = (): void => {
    if (state.dirty) {
      state.dirty = false;
      draw(canvas, ctx, state, windowS);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.addEventListener('resize', () => (state.dirty = true));
  const append = (value: (c: number) => number): void => {
    const i = state.written % state.capacity;
    for (let c = 0; c < state.rings.length; c++) state.rings[c][i] = value(c);
    state.marks[i] = state.markPending ? 1 : 0;
    state.markPending = false;
    state.written++;
    state.dirty = true;
  };
  return {
    reset: (channels, sampleRateHz) => {
      state.channels = channels;
      state.rateHz = sampleRateHz;
      state.capacity = Math.round(windowS * sampleRateHz);
      state.rings = channels.map(() => new Float32Array(state.capacity));
      state.marks = new Uint8Array(state.capacity);
      state.markPending = false;
      state.written = 0;
      state.dirty = true;
    },
    push: (values) => append((c) => values[c]),
    gap: () => append(() => NaN),
    markNext: () => {
      state.markPending = true;
    },
    setScaleUv: (scaleUv) => {
      state.scaleUv = scaleUv;
      state.dirty = true;
    },
  };
}

function draw(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, s: TraceState, windowS: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const plotW = w - LABEL_W - SCALE_W;
  const n = Math.max(1, s.channels.length);
  const laneH = h / n;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // lanes and second grid
  for (let c = 0; c < n; c++) {
    if (c % 2 === 1) {
      ctx.fillStyle = '#f6f8fa';
      ctx.fillRect(LABEL_W, c * laneH, plotW, laneH);
    }
  }
  ctx.strokeStyle = '#e5e9ee';
  ctx.lineWidth = 1;
  for (let t = 0; t <= windowS; t++) {
    const x = LABEL_W + plotW - (t / windowS) * plotW;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, h);
    ctx.stroke();
  }
  if (s.channels.length === 0) {
    ctx.fillStyle = '#66727f';
    ctx.fillText('Connect a headset to see its EEG', LABEL_W + 12, h / 2);
    return;
  }
  const pxPerUv = laneH / 2 / s.scaleUv;
  const shown = Math.min(s.written, s.capacity);
  const dx = plotW / s.capacity;
  drawMarks(ctx, s, shown, { x0: LABEL_W + plotW, dx, h });
  for (let c = 0; c < n; c++) {
    const mid = c * laneH + laneH / 2;
    ctx.fillStyle = '#1d2733';
    ctx.fillText(s.channels[c], 6, mid);
    drawLane(ctx, s.rings[c], s, shown, { x0: LABEL_W + plotW, dx, mid, pxPerUv, half: laneH / 2 });
  }
  drawScaleBar(ctx, { x: LABEL_W + plotW + 14, y: laneH / 2, heightPx: laneH / 2, scaleUv: s.scaleUv, h, windowS });
}

function drawLane(
  ctx: CanvasRenderingContext2D,
  ring: Float32Array,
  s: TraceState,
  shown: number,
  g: { x0: number; dx: number; mid: number; pxPerUv: number; half: number },
): void {
  ctx.strokeStyle = '#1f4e96';
  ctx.lineWidth = 1.1;
  ctx.beginPath();
  let pen = false;
  for (let k = 0; k < shown; k++) {
    // k = 0 is the newest sample, at the right edge
    const v = ring[(s.written - 1 - k) % s.capacity];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const y = g.mid - Math.max(-g.half, Math.min(g.half, v * g.pxPerUv));
    const x = g.x0 - k * g.dx;
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
}

function drawMarks(
  ctx: CanvasRenderingContext2D,
  s: TraceState,
  shown: number,
  g: { x0: number; dx: number; h: number },
): void {
  ctx.strokeStyle = '#cf222e';
  ctx.fillStyle = '#cf222e';
  ctx.lineWidth = 1.5;
  for (let k = 0; k < shown; k++) {
    if (s.marks[(s.written - 1 - k) % s.capacity] === 0) continue;
    const x = g.x0 - k * g.dx;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, g.h);
    ctx.stroke();
    ctx.fillText('M', x + 3, 8);
  }
}

function drawScaleBar(
  ctx: CanvasRenderingContext2D,
  b: { x: number; y: number; heightPx: number; scaleUv: number; h: number; windowS: number },
): void {
  ctx.strokeStyle = '#1d2733';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(b.x, b.y - b.heightPx / 2);
  ctx.lineTo(b.x, b.y + b.heightPx / 2);
  ctx.stroke();
  ctx.fillStyle = '#1d2733';
  ctx.fillText(`${b.scaleUv} µV`, b.x + 6, b.y);
  ctx.fillStyle = '#66727f';
  ctx.fillText('grid 1 s', b.x - 4, b.h - 10);
}

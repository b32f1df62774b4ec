import { type Headset, type HeadsetStatus, type StreamName } from '../protocol';
import { DetectionSource } from './detectionSource';
import type { HeadsetModel } from './headsetModels';
import { mulberry32 } from './prng';
import { PowEstimator } from './powEstimator';
import { createEvokedResponse, type EvokedResponse, type EvokedResponseConfig } from './signals/createEvokedResponse';
import { createSyntheticEeg } from './signals/createSyntheticEeg';
import type { EegSource } from './signals/eegSource';
import { formatRow, frameOf } from './dataFrameText';
import type { HeadsetSink, PendingMarker } from './headsetSink';
import { syntheticMet } from './syntheticMet';
import { MarkerQueue } from './markerQueue';
import { LOW_RATE_STREAMS_HZ } from './lowRateStreamsHz';
import { headsetObject } from './headsetObject';
import { frameTimeStamp } from './frameTimeStamp';

/** EEG samples are sent this long after their time, so a marker injected "now" still finds its sample unsent. */
const EEG_LATENCY_S = 0.05;
/** At most this many seconds of data are generated in one tick (after a stall, older data is skipped). */
const MAX_CATCH_UP_S = 2;
/** Battery drains one percent per this many seconds of connection. */
const SECONDS_PER_BATTERY_PERCENT = 120;

/** Options of a virtual headset. */
export interface VirtualHeadsetConfig {
  readonly id: string;
  readonly model: HeadsetModel;
  readonly eegRateHz: number;
  readonly seed: number;
  readonly blinks: boolean;
  readonly packetLossRatio: number;
  readonly initialStatus: HeadsetStatus;
  /** A response added to the EEG after each injected marker (`triggerEvokedResponse`); none when undefined. */
  readonly evokedResponse?: EvokedResponseConfig;
  /** Length of a scheduled com/fac event and of the neutral gap after it (default 3000 ms; DetectionSource). */
  readonly detectionEventMs?: number;
  /** Where the EEG comes from instead of the synthetic generator (a replayed recording), given the sensors. */
  readonly eegSource?: (sensors: readonly string[]) => EegSource;
}

/**
 * A simulated headset: its headset object (§3.2), its connection state, and the data it produces while
 * sessions are open on it (with the pow history of the EEG since its connection, as a real headset streams from then). Sample times are `index / rate` on the epoch clock, so consecutive samples are exactly
 * one period apart whatever the timer jitter.
 *
 * ## Example
 * ```ts
 * const headset = new VirtualHeadset({ id: 'INSIGHT-A1B2C3D4', model: HEADSET_MODELS.INSIGHT, eegRateHz: 128, seed: 1,
 *   blinks: true, packetLossRatio: 0, initialStatus: 'connected' });
 * headset.sinks.add(session); // the session receives the frames of the streams it subscribed to
 * headset.tick(Date.now()); // produces every sample due since the last tick
 * ```
 */
export class VirtualHeadset {
  readonly id: string;
  readonly model: HeadsetModel;
  status: HeadsetStatus;
  eegRateHz: number;
  memsRateHz: number;
  customName = '';
  /** How it is connected (§3.2 `connectedBy`): the model's default, or the `connectionType` of controlDevice connect. */
  connectedBy: string;
  headbandPosition: 'back' | 'top' | null;
  /** Sessions open on this headset. */
  readonly sinks = new Set<HeadsetSink>();
  /** The com and fac detections: the loaded profile's actions, the EEG's blinks, forced detections. */
  readonly detections: DetectionSource;
  /** Markers waiting for their EEG sample. */
  private readonly markers = new MarkerQueue();
  private readonly config: VirtualHeadsetConfig;
  private eeg!: EegSource;
  private evoked: EvokedResponse | undefined;
  private pow!: PowEstimator;
  private readonly eegSample: Float64Array;
  private readonly eegRow: Float64Array;
  private readonly motRow: Float64Array;
  private readonly lossRand: () => number;
  private readonly jitterRand: () => number;
  private connectedAtS = 0;
  private running = false;
  /**
   * True while the headset is switched off or out of range (`faults.disconnectHeadset`): its status stays, its data
   * stops, until the service drops it (warning 103) or it connects again.
   */
  signalLost = false;
  /** Counts the losses, so that a timer set for one loss does not act on a later one. */
  lossCount = 0;
  // absolute sample indices (time = index / rate) of the next sample of each stream
  private nextEeg = 0;
  private nextMot = 0;
  private nextDev = 0;
  private nextEq = 0;
  private nextPow = 0;
  private nextMet = 0;
  private nextCom = 0;
  private nextFac = 0;

  constructor(config: VirtualHeadsetConfig) {
    this.config = config;
    this.id = config.id;
    this.model = config.model;
    this.status = config.initialStatus;
    this.eegRateHz = config.eegRateHz;
    this.memsRateHz = config.model.memsRateHz;
    this.headbandPosition = config.model.headbandPosition;
    this.connectedBy = config.model.connectedBy;
    const n = config.model.sensors.length;
    this.eegSample = new Float64Array(n);
    this.eegRow = new Float64Array(n + 4);
    this.motRow = new Float64Array(2 + config.model.motionSensors.length);
    this.lossRand = mulberry32(config.seed ^ 0x9e3779b9);
    this.detections = new DetectionSource(config.seed ^ 0x243f6a88, (config.detectionEventMs ?? 3000) / 1000);
    this.jitterRand = mulberry32(config.seed ^ 0x7f4a7c15);
    this.rebuildSources();
    if (this.status === 'connected') this.connectedAtS = Date.now() / 1000;
  }

  /** The headset object of §3.2. */
  toJSON(): Headset {
    return headsetObject(this.model, this);
  }

  /** Marks the headset connected and starts its clocks. */
  markConnected(): void {
    this.status = 'connected';
    this.signalLost = false;
    this.connectedAtS = Date.now() / 1000;
  }

  /** Marks the headset disconnected (back to discovered) and stops producing data. */
  markDisconnected(): void {
    this.status = 'discovered';
    this.signalLost = false;
    this.running = false;
    this.markers.clear();
  }

  /** The headset goes silent (switched off, out of range): status unchanged, no more data. */
  markSignalLost(): void {
    this.signalLost = true;
    this.lossCount++;
    this.running = false;
  }

  /** Applies updateHeadset settings (EEG and motion rates). */
  applySettings(eegRateHz: number, memsRateHz: number): void {
    this.eegRateHz = eegRateHz;
    this.memsRateHz = memsRateHz;
    this.running = false;
    this.rebuildSources();
  }

  /** Queues a marker for the MARKERS column of its session's EEG sample nearest `timeS` (see MarkerQueue). */
  addPendingMarker(marker: PendingMarker): void {
    this.markers.add(marker);
  }

  /**
   * Adds the configured evoked response (if any) to the EEG samples produced from now on, locked to `markerTimeS`
   * (seconds since the epoch, the marker's own time). EEG is produced `EEG_LATENCY_S` behind the clock, so a marker
   * injected "now" precedes every sample its response touches; samples already produced are not changed.
   */
  triggerEvokedResponse(markerTimeS: number): void {
    this.evoked?.trigger(markerTimeS);
  }

  /** Produces every sample due by `nowMs` (epoch ms) and hands it to the sinks. */
  tick(nowMs: number): void {
    if (this.status !== 'connected' || this.signalLost || this.sinks.size === 0) {
      this.running = false;
      return;
    }
    const nowS = nowMs / 1000;
    if (!this.running) this.start(nowS);
    this.produceEeg(nowS - EEG_LATENCY_S);
    this.produceMot(nowS);
    this.nextDev = this.produceLowRate(nowS, this.nextDev, LOW_RATE_STREAMS_HZ.dev, (t) => this.emitDev(t));
    this.nextEq = this.produceLowRate(nowS, this.nextEq, LOW_RATE_STREAMS_HZ.eq, (t) => this.emitEq(t));
    this.nextPow = this.produceLowRate(nowS, this.nextPow, LOW_RATE_STREAMS_HZ.pow, (t) => this.emitPow(t));
    this.nextMet = this.produceLowRate(nowS, this.nextMet, LOW_RATE_STREAMS_HZ.met, (t, k) => this.emitMet(t, k));
    // Detections follow the EEG they are made from (its blinks), so they lag the clock as it does.
    const detect = (stream: 'com' | 'fac') => (t: number) =>
      this.anySubscribed(stream) && this.broadcast(stream, this.detections[stream](t), t);
    this.nextCom = this.produceLowRate(nowS - EEG_LATENCY_S, this.nextCom, LOW_RATE_STREAMS_HZ.com, detect('com'));
    this.nextFac = this.produceLowRate(nowS - EEG_LATENCY_S, this.nextFac, LOW_RATE_STREAMS_HZ.fac, detect('fac'));
  }

  /** Sends a `sys` event (training) to the sessions subscribed to sys. */
  emitSys(detection: string, event: string): void {
    this.broadcast('sys', JSON.stringify([detection, event]), Date.now() / 1000);
  }

  private rebuildSources(): void {
    const sensors = this.model.sensors;
    this.eeg =
      this.config.eegSource?.(sensors) ??
      createSyntheticEeg({
        channels: sensors,
        sampleRateHz: this.eegRateHz,
        seed: this.config.seed,
        blinks: this.config.blinks,
      });
    this.pow = new PowEstimator(sensors.length, this.eegRateHz);
    this.evoked = this.config.evokedResponse ? createEvokedResponse(this.config.evokedResponse, sensors) : undefined;
  }

  private start(nowS: number): void {
    this.running = true;
    const first = (rate: number, latencyS = 0) => Math.ceil((nowS - latencyS) * rate);
    this.nextEeg = first(this.eegRateHz, EEG_LATENCY_S);
    this.nextMot = first(this.memsRateHz);
    this.nextDev = first(LOW_RATE_STREAMS_HZ.dev);
    this.nextEq = first(LOW_RATE_STREAMS_HZ.eq);
    this.nextPow = first(LOW_RATE_STREAMS_HZ.pow);
    this.nextMet = first(LOW_RATE_STREAMS_HZ.met);
    this.nextCom = first(LOW_RATE_STREAMS_HZ.com);
    this.nextFac = first(LOW_RATE_STREAMS_HZ.fac);
    this.pow.reset();
    this.warmUp();
  }

  /**
   * A real headset streams to Cortex from the moment it connects, so pow covers the last 2 s of EEG as soon as a
   * session subscribes. Rather than generating EEG while no session listens, the samples since the connection (at
   * most the pow window) are generated when the first session opens: they feed the pow history and the blink
   * detector, and are neither sent nor recorded (no session existed at their time).
   */
  private warmUp(): void {
    const rate = this.eegRateHz;
    for (
      let k = Math.max(Math.ceil(this.connectedAtS * rate), this.nextEeg - this.pow.lengthSamples);
      k < this.nextEeg;
      k++
    ) {
      this.eeg.next(this.eegSample);
      this.detections.noteEeg(k / rate, this.eeg.blinkUv);
      this.evoked?.addTo(this.eegSample, k / rate);
      this.pow.push(this.eegSample);
    }
  }

  private produceLowRate(nowS: number, next: number, rateHz: number, emit: (timeS: number, k: number) => void): number {
    const due = Math.floor(nowS * rateHz);
    let k = Math.max(next, due - Math.ceil(MAX_CATCH_UP_S * rateHz));
    for (; k <= due; k++) emit(k / rateHz, k);
    return k;
  }

  private produceEeg(untilS: number): void {
    const rate = this.eegRateHz;
    const due = Math.floor(untilS * rate);
    let k = Math.max(this.nextEeg, due - Math.ceil(MAX_CATCH_UP_S * rate));
    const n = this.eegSample.length;
    const row = this.eegRow;
    const wantsEeg = this.anySubscribed('eeg');
    for (; k <= due; k++) {
      const timeS = k / rate;
      this.eeg.next(this.eegSample);
      this.detections.noteEeg(timeS, this.eeg.blinkUv);
      // From the sample time, not the tick time, so the response is exact relative to the marker.
      this.evoked?.addTo(this.eegSample, timeS);
      this.pow.push(this.eegSample);
      const interpolated = this.config.packetLossRatio > 0 && this.lossRand() < this.config.packetLossRatio ? 1 : 0;
      const counter = k % rate;
      row[0] = counter;
      row[1] = interpolated;
      for (let c = 0; c < n; c++) row[2 + c] = this.eegSample[c];
      const hardware = this.eeg.hardwareMarkers?.(timeS) ?? '';
      row[2 + n] = 0; // RAW_CQ
      row[3 + n] = hardware === '' ? 0 : 1; // MARKER_HARDWARE
      const markers = this.markers.take(timeS, rate);
      for (const sink of this.sinks) sink.recordSample('eeg', timeS, row);
      if (!wantsEeg) continue;
      let body = `[${counter},${interpolated}`;
      for (let c = 0; c < n; c++) body += `,${row[2 + c].toFixed(3)}`;
      body += `,0,${row[3 + n]},[`;
      if (markers.length === 0) this.broadcast('eeg', `${body}${hardware}]]`, timeS);
      else this.broadcastMarked(body, markers, hardware, timeS);
    }
    this.nextEeg = k;
  }

  /**
   * An eeg sample with markers: each session's MARKERS column holds its own injected markers only (issue 13 §1), and
   * the hardware markers (a replayed file's annotations, as JSON) go to every session.
   */
  private broadcastMarked(head: string, markers: readonly PendingMarker[], hardware: string, timeS: number): void {
    const time = this.stamp(timeS);
    for (const sink of this.sinks) {
      if (!sink.isSubscribed('eeg')) continue;
      const own = markers.filter((m) => m.sessionId === sink.sessionId).map((m) => m.json);
      if (hardware !== '') own.push(hardware);
      sink.sendFrame('eeg', frameOf('eeg', `${head}${own.join(',')}]]`, sink.sessionId, time));
    }
  }

  private produceMot(nowS: number): void {
    const rate = this.memsRateHz;
    if (rate <= 0) return;
    const due = Math.floor(nowS * rate);
    let k = Math.max(this.nextMot, due - Math.ceil(MAX_CATCH_UP_S * rate));
    const row = this.motRow;
    for (; k <= due; k++) {
      const timeS = k / rate;
      // A slow nod: rotation of ±5° about the x axis with a 4 s period, gravity on z, a constant field.
      const angle = ((5 * Math.PI) / 180) * Math.sin((2 * Math.PI * timeS) / 4);
      row[0] = k % rate;
      row[1] = 0;
      row[2] = Math.cos(angle / 2);
      row[3] = Math.sin(angle / 2);
      row[4] = 0;
      row[5] = 0;
      row[6] = 0;
      row[7] = Math.sin(angle);
      row[8] = Math.cos(angle);
      row[9] = 21.5;
      row[10] = -4.2;
      row[11] = 38.9;
      for (const sink of this.sinks) sink.recordSample('mot', timeS, row);
      if (this.anySubscribed('mot')) this.broadcast('mot', `[${formatRow(row, 4)}]`, timeS);
    }
    this.nextMot = k;
  }

  private batteryPercent(timeS: number): number {
    return Math.max(5, 100 - Math.floor((timeS - this.connectedAtS) / SECONDS_PER_BATTERY_PERCENT));
  }

  private emitDev(timeS: number): void {
    const pct = this.batteryPercent(timeS);
    const level = Math.min(4, Math.ceil(pct / 25));
    const n = this.model.sensors.length;
    const cq = new Array<number>(n).fill(4);
    for (const sink of this.sinks) sink.recordSample('dev', timeS, [level, 1, ...cq, 100, pct]);
    this.broadcast('dev', `[${level},1.0,[${cq.join(',')},100],${pct}]`, timeS);
  }

  private emitEq(timeS: number): void {
    const pct = this.batteryPercent(timeS);
    const srq = this.config.packetLossRatio > 0 ? 1 - this.config.packetLossRatio : 1;
    const values = [pct, 100, srq, ...new Array<number>(this.model.sensors.length).fill(4)];
    for (const sink of this.sinks) sink.recordSample('eq', timeS, values);
    this.broadcast('eq', `[${values.join(',')}]`, timeS);
  }

  private emitPow(timeS: number): void {
    const powers = this.pow.estimate();
    if (!powers) return;
    for (const sink of this.sinks) sink.recordSample('pow', timeS, powers);
    if (this.anySubscribed('pow')) this.broadcast('pow', `[${formatRow(powers, 6)}]`, timeS);
  }

  private emitMet(timeS: number, k: number): void {
    const { values, frame } = syntheticMet(timeS, this.config.seed);
    for (const sink of this.sinks) sink.recordSample('met', timeS, values);
    for (const sink of this.sinks) {
      if (sink.isSubscribed('met') && k % sink.metDecimation === 0)
        sink.sendFrame('met', frameOf('met', frame, sink.sessionId, this.stamp(timeS)));
    }
  }

  private anySubscribed(stream: StreamName): boolean {
    for (const sink of this.sinks) if (sink.isSubscribed(stream)) return true;
    return false;
  }

  private broadcast(stream: StreamName, body: string, timeS: number): void {
    let time: string | undefined;
    for (const sink of this.sinks) {
      if (!sink.isSubscribed(stream)) continue;
      time ??= this.stamp(timeS);
      sink.sendFrame(stream, frameOf(stream, body, sink.sessionId, time));
    }
  }

  /** A frame's `time` as real frames show it: 4 decimals, a little jitter, never a JSON integer. */
  private stamp(timeS: number): string {
    return frameTimeStamp(timeS, this.jitterRand);
  }
}

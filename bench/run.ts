// `npm run bench`: runs every part of bench/ in one process (the simulator of parts 3b and 4 in a child), prints
// the tables, writes bench/results.json and replaces the "last run" block at the top of bench/README.md.
// `npm run bench -- --quick` is a smoke run (10 minutes of EEG, short windows); its results are not written.
import { readFileSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import {
  CHAIN_BAND_NAMES,
  agreement,
  maxRelativeDifference,
  pairedRatio,
  runBandPowerChain,
  runChainStages,
  type ChainKey,
  type ChainResult,
} from './bandPowerChain';
import { runEdfFile } from './edfFile';
import { runFftKernel } from './fftKernel';
import { forkSimulator } from './forkSimulator';
import { ALLOCATION_METHOD, forceGc } from './heap';
import { runHeadsets, runRawBaseline } from './headsets';
import { pairedIngestRatio, runIngest } from './ingest';
import { runLatency } from './latency';
import { natsRelaySection, runNatsRelay } from './natsRelay';
import { pairedTimeRatio, runEndToEnd, type EndToEndCase } from './endToEnd';
import { human, machineInfo, progress, sig, table } from './stats';
import { HOUR_SAMPLES, syntheticHour } from './syntheticHour';

const quick = process.argv.includes('--quick');

const PLAN = quick
  ? {
      samples: 256 * 600,
      segments: 4,
      warmup: 256 * 20,
      fftRounds: 6,
      ingestRounds: 6,
      windowS: 3,
      latencyS: 4,
      latency64S: 3,
      endToEndRounds: 3,
    }
  : {
      samples: HOUR_SAMPLES,
      segments: 24,
      warmup: 256 * 60,
      fftRounds: 20,
      ingestRounds: 30,
      windowS: 10,
      latencyS: 20,
      latency64S: 10,
      endToEndRounds: 10,
    };
const HEADSET_COUNTS = [1, 8, 32, 64];

const TARGETS = {
  ratioVsPipes: 10,
  ratioVsFloor: 1.5,
  bytesPerSample: 64,
  ingestRatio: 1.0,
  endToEndRatio: 1.3,
  /** Half of the fraction of a core per 256 Hz headset with band power before the scanner (part 5, 64 headsets). */
  cpuPerHeadset: 0.0113 / 2,
};

function byKey(results: readonly ChainResult[]): Record<ChainKey, ChainResult> {
  return Object.fromEntries(results.map((r) => [r.key, r])) as Record<ChainKey, ChainResult>;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadStart = loadavg();
  const machine = machineInfo();
  progress(
    `node ${process.version} on ${machine.cpu} x${machine.cores}, load ${loadStart.map((l) => l.toFixed(2)).join(' ')}${quick ? ' (quick)' : ''}`,
  );
  forceGc(); // fails early without --expose-gc

  // 1. Band-power chain.
  progress(`band-power chain: generating ${PLAN.samples} samples of 14-channel synthetic EEG`);
  let rec: ReturnType<typeof syntheticHour> | undefined = syntheticHour(PLAN.samples);
  const chainResults = await runBandPowerChain(rec, { segments: PLAN.segments, warmupSamples: PLAN.warmup });
  const stages = runChainStages(rec, { samples: quick ? 256 * 120 : 256 * 600, rounds: quick ? 2 : 5 });
  const chainChannels = rec.channels;
  rec = undefined;
  forceGc();
  const chain = byKey(chainResults);
  progress('recorded file: writing an EDF+ file of 14-channel EEG, then fromEdf → epoch → bandPower');
  const edfFile = await runEdfFile(quick ? 600 : 3600);
  forceGc();

  // 2. FFT kernel.
  const fft = runFftKernel({ rounds: PLAN.fftRounds, batchMs: 40, sizes: [256, 1024] });

  // 3a. Ingest.
  const ingest = await runIngest({ rounds: PLAN.ingestRounds, framesPerBatch: 8192 });

  // 5. End to end (in-process simulator, silenced while frames are replayed).
  const endToEnd = await runEndToEnd({ headsets: 64, rounds: PLAN.endToEndRounds });

  // 3b and 4: a simulator with 64 EPOC X at 256 Hz in a child process.
  progress('forking the simulator (EPOCX@256:64)');
  const sim = await forkSimulator('EPOCX@256:64');
  let headsets;
  let rawBaseline;
  let latency1;
  let latency64;
  try {
    headsets = await runHeadsets(sim, { counts: HEADSET_COUNTS, windowS: PLAN.windowS, graceS: 3 });
    rawBaseline = await runRawBaseline(sim, { count: 64, windowS: PLAN.windowS, graceS: 3 });
    latency1 = await runLatency(sim, { headsets: 1, seconds: PLAN.latencyS, warmupS: 2 });
    latency64 = await runLatency(sim, { headsets: 64, seconds: PLAN.latency64S, warmupS: 2 });
  } finally {
    await sim.close();
  }

  // 7. The relay (issue 16): 64 headsets through a local nats-server -js into one consumer, when Debian's nats-server
  // is installed.
  progress('NATS relay: 64 EPOC X at 256 Hz through a local JetStream into one consumer');
  const natsRelay = await runNatsRelay(64, PLAN.windowS);
  const loadEnd = loadavg();
  const durationS = (performance.now() - t0) / 1000;

  // Results.
  // Ratios paired by segment (the contenders ran back to back on each): robust to the machine's drift.
  const ratioVsPipes = pairedRatio(chain.cortexRx, chain.neurosityPipes);
  const ratioVsFloor = pairedRatio(chain.floor, chain.cortexRx);
  const floorVsPipes = pairedRatio(chain.floor, chain.neurosityPipes);
  const agreePipes = agreement(chain.cortexRx, chain.neurosityPipes);
  const agreeFloor = agreement(chain.cortexRx, chain.floor);
  const ingestCase = Object.fromEntries(ingest.cases.map((c) => [c.key, c]));
  // Paired by round (client and JSON.parse back to back in each), like the chain's segments.
  // Against JSON.parse of the same bytes: a Node client of ws gets bytes, and JSON.parse needs them as a string.
  const ingestRatio = pairedIngestRatio(ingestCase.client, ingestCase.jsonParseBytes);
  const ingestRatioVsText = pairedIngestRatio(ingestCase.client, ingestCase.jsonParse);
  const e2e = (key: string, headsets: number): EndToEndCase =>
    endToEnd.cases.find((c) => c.key === key && c.headsets === headsets)!;
  const e2eRatio1 = pairedTimeRatio(e2e('cortexRx', 1), e2e('floor', 1));
  const e2eRatio64 = pairedTimeRatio(e2e('cortexRx', 64), e2e('floor', 64));
  const e2eRatio = Math.max(e2eRatio1, e2eRatio64);
  const cpuPerHeadset = (e2e('cortexRx', 64).nsPerFrame * 256) / 1e9;
  const h64 = headsets.find((h) => h.count === 64)!;
  const names = (r: ChainResult) => r.dominantBand.map((b, c) => `${chainChannels[c]}:${CHAIN_BAND_NAMES[b]}`);

  const targets = [
    {
      name: 'band-power chain ≥ 10x @neurosity/pipes',
      value: sig(ratioVsPipes),
      target: `>= ${TARGETS.ratioVsPipes}`,
      met: ratioVsPipes >= TARGETS.ratioVsPipes,
    },
    {
      name: 'band-power chain within 1.5x of the fft.js floor',
      value: sig(ratioVsFloor),
      target: `<= ${TARGETS.ratioVsFloor}`,
      met: ratioVsFloor <= TARGETS.ratioVsFloor,
    },
    {
      name: 'cortex-rx chain allocates < 64 B per input sample (steady state)',
      value: sig(chain.cortexRx.bytesPerSample),
      target: `< ${TARGETS.bytesPerSample}`,
      met: chain.cortexRx.bytesPerSample < TARGETS.bytesPerSample,
    },
    {
      name: 'ingest ≥ 1.0x bare JSON.parse of the same bytes',
      value: sig(ingestRatio),
      target: `>= ${TARGETS.ingestRatio}`,
      met: ingestRatio >= TARGETS.ingestRatio,
    },
    {
      name: 'end to end (bytes → band power) ≤ 1.3x the time of JSON.parse + floor (worse of 1 and 64 headsets)',
      value: sig(e2eRatio),
      target: `<= ${TARGETS.endToEndRatio}`,
      met: e2eRatio <= TARGETS.endToEndRatio,
    },
    {
      name: 'client CPU per 256 Hz headset with band power ≤ half the figure before the scanner (0.0113 of a core)',
      value: sig(cpuPerHeadset),
      target: `<= ${sig(TARGETS.cpuPerHeadset)}`,
      met: cpuPerHeadset <= TARGETS.cpuPerHeadset,
    },
    { name: '64 headsets, zero frames lost', value: h64.lost, target: '0', met: h64.lost === 0 },
    ...(natsRelay === undefined
      ? []
      : [
          {
            name: '64 headsets relayed through JetStream, zero samples lost',
            value: natsRelay.lost,
            target: '0',
            met: natsRelay.lost === 0,
          },
        ]),
    {
      name: 'band-power contenders agree on the dominant band of every channel',
      value: `${agreePipes.channelsAgree}/${agreePipes.channels}`,
      target: 'all',
      met: agreePipes.channelsAgree === agreePipes.channels && agreeFloor.channelsAgree === agreeFloor.channels,
    },
  ];

  const chainEntry = (r: ChainResult) => ({
    samplesPerS: sig(r.samplesPerS, 4),
    spread: sig(r.spread, 2),
    seconds: sig(r.seconds, 4),
    epochs: r.epochs,
    bytesPerSample: sig(r.bytesPerSample, 4),
    allocationChunks: r.allocationChunks,
    rejectedChunks: r.rejectedChunks,
    gc: { count: r.gc.count, minor: r.gc.minor, major: r.gc.major, pauseMs: sig(r.gc.pauseMs, 4) },
    retainedBytes: r.retainedBytes,
    unit: r.unit,
    label: r.label,
  });

  const results = {
    node: process.version,
    v8: process.versions.v8,
    machine: {
      ...machine,
      loadAverageAtStart: loadStart.map((l) => sig(l)),
      loadAverageAtEnd: loadEnd.map((l) => sig(l)),
    },
    date: new Date().toISOString(),
    durationS: sig(durationS, 4),
    quick,
    allocationMethod: ALLOCATION_METHOD,
    edfFile: { ...edfFile, streamS: sig(edfFile.streamS, 4), streamSamplesPerS: sig(edfFile.streamSamplesPerS, 4) },
    bandPower: {
      cortexRx: sig(chain.cortexRx.samplesPerS, 4),
      neurosityPipes: sig(chain.neurosityPipes.samplesPerS, 4),
      floor: sig(chain.floor.samplesPerS, 4),
      ratioVsPipes: sig(ratioVsPipes),
      ratioVsFloor: sig(ratioVsFloor),
      floorVsPipes: sig(floorVsPipes),
      ratioMethod: "median over the segments of the hour of the ratio of the two contenders' rates on the same segment",
      bytesPerSample: {
        cortexRx: sig(chain.cortexRx.bytesPerSample, 4),
        cortexRxCopy: sig(chain.cortexRxCopy.bytesPerSample, 4),
        neurosityPipes: sig(chain.neurosityPipes.bytesPerSample, 4),
        floor: sig(chain.floor.bytesPerSample, 4),
      },
      cortexRxCopy: sig(chain.cortexRxCopy.samplesPerS, 4),
      samples: chain.cortexRx.samples,
      channels: chainChannels.length,
      sampleRateHz: 256,
      config:
        'epoch 256 samples, hop 32, Hann, CORTEX_BANDS (theta, alpha, betaL, betaH, gamma); pipes: epoch({ duration: 256, interval: 32, samplingRate: 256 }) → fft({ bins: 256 }) → powerByBand(same ranges)',
      contenders: Object.fromEntries(chainResults.map((r) => [r.key, chainEntry(r)])),
      dominantBand: {
        cortexRx: names(chain.cortexRx),
        neurosityPipes: names(chain.neurosityPipes),
        floor: names(chain.floor),
      },
      agreement: {
        cortexRxVsPipes: { ...agreePipes, perEpochAgree: sig(agreePipes.perEpochAgree, 4) },
        cortexRxVsFloor: agreeFloor,
      },
      cortexRxVsFloorMaxRelativeDifference: maxRelativeDifference(chain.cortexRx, chain.floor),
      stagesNsPerSample: Object.fromEntries(Object.entries(stages.nsPerSample).map(([k, v]) => [k, sig(v)])),
      stagesSamples: stages.samples,
    },
    fft: {
      ...fft,
      cases: fft.cases.map((c) => ({ ...c, perS: sig(c.perS, 4), spread: sig(c.spread, 2) })),
      fftJsRealOverDspJs: Object.fromEntries(
        [256, 1024].map((n) => {
          const dsp = fft.cases.find((c) => c.size === n && c.library === 'dsp.js' && c.kind === 'transform')!;
          const real = fft.cases.find((c) => c.size === n && c.name.includes('realTransform'))!;
          return [String(n), sig(real.perS / dsp.perS)];
        }),
      ),
    },
    ingest: {
      framesPerS: sig(ingestCase.client.framesPerS, 4),
      jsonParseFramesPerS: sig(ingestCase.jsonParse.framesPerS, 4),
      ratio: sig(ingestRatio),
      ratioVsJsonParseOfText: sig(ingestRatioVsText),
      ratioMethod:
        "median over rounds of the ratio of the client's rate (ws 'message' with the bytes) to bare JSON.parse(bytes.toString()) in the same round",
      cases: ingest.cases.map(({ roundRates, ...c }) => ({
        ...c,
        framesPerS: sig(c.framesPerS, 4),
        spread: sig(c.spread, 2),
        vsJsonParse: sig(pairedIngestRatio({ ...c, roundRates }, ingestCase.jsonParse)),
        bytesPerFrame: sig(c.bytesPerFrame, 4),
      })),
      distinctFrames: ingest.distinctFrames,
      sessions: ingest.sessions,
      meanFrameChars: sig(ingest.meanFrameChars),
      clientFed: ingest.clientFed,
      clientReceived: ingest.clientReceived,
      diagnostics: ingest.diagnostics,
    },
    headsets: headsets.map((h) => ({
      ...h,
      cpuS: sig(h.cpuS),
      cpuCoreFraction: sig(h.cpuCoreFraction),
      eventLoopUtilization: sig(h.eventLoopUtilization),
      simulatorCpuS: sig(h.simulatorCpuS),
      lagP50Ms: sig(h.lagP50Ms),
      lagP99Ms: sig(h.lagP99Ms),
      lagMaxMs: sig(h.lagMaxMs),
    })),
    headsetsRawBaseline: {
      ...rawBaseline,
      cpuS: sig(rawBaseline.cpuS),
      cpuCoreFraction: sig(rawBaseline.cpuCoreFraction),
    },
    latency: {
      p50Ms: sig(latency1.fromRead.p50Ms),
      p99Ms: sig(latency1.fromRead.p99Ms),
      measuredFrom:
        'the TCP read (socket data event) carrying the frame that completes the epoch, to the bandPower emission',
      oneHeadset: latency1,
      under64Headsets: latency64,
    },
    endToEnd: {
      ratio: sig(e2eRatio),
      ratioOneHeadset: sig(e2eRatio1),
      ratio64Headsets: sig(e2eRatio64),
      ratioMethod:
        "cortex-rx's time from the ws message (bytes) to the band-power emission over the time of JSON.parse(bytes.toString()) + the floor loop, median over rounds of the ratio in the same round; the worse of 1 and 64 headsets",
      cpuPerHeadset: sig(cpuPerHeadset),
      cpuPerHeadsetMethod:
        "cortex-rx's ns per frame at 64 headsets × 256 frames/s: the fraction of a core per 256 Hz headset with band power, from the ws message (TCP and ws framing apart)",
      pipesOverCortexRx64: sig(pairedTimeRatio(e2e('neurosityPipes', 64), e2e('cortexRx', 64))),
      cases: endToEnd.cases.map(({ roundNs, ...c }) => ({
        ...c,
        nsPerFrame: sig(c.nsPerFrame, 4),
        spread: sig(c.spread, 2),
        bytesPerFrame: sig(c.bytesPerFrame, 4),
        roundsMeasured: roundNs.length,
      })),
      diagnostics: endToEnd.diagnostics,
    },
    natsRelay: natsRelay ?? 'nats-server not installed (apt-get install nats-server)',
    targets,
  };

  // Tables.
  const r = (x: number) => human(x);
  const chainRows = (['cortexRx', 'cortexRxCopy', 'neurosityPipes', 'floor'] as const).map((k) => {
    const c = chain[k];
    return [
      c.label,
      r(c.samplesPerS),
      `±${Math.round((c.spread * 100) / 2)}%`,
      k === 'cortexRx' ? 1 : sig(pairedRatio(chain.cortexRx, c), 3),
      sig(c.bytesPerSample, 3),
      c.gc.count,
      sig(c.gc.pauseMs, 3),
      c.unit,
    ];
  });
  const sections = [
    `Node ${process.version} (V8 ${process.versions.v8}), ${machine.cpu} x${machine.cores}, ${machine.memoryGiB} GiB, ${machine.os}; load average ${loadStart
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end; ${new Date().toISOString().slice(0, 16)}Z; ${sig(durationS, 3)} s${quick ? ' (QUICK run)' : ''}.`,
    `### 1. Band-power chain: ${chain.cortexRx.samples} samples x 14 ch @ 256 Hz, epoch 256 / hop 32, Hann, 5 Cortex bands`,
    table(
      [
        'contender',
        'samples/s (median of segments)',
        'spread ±',
        'cortex-rx speed ÷ this (paired)',
        'B allocated / sample',
        'GCs',
        'GC pause ms',
        'unit of its band values',
      ],
      chainRows,
    ),
    `Paired by segment (the hour in ${PLAN.segments} segments, contenders back to back on each): cortex-rx = ${sig(ratioVsPipes)}x @neurosity/pipes; the floor is ${sig(
      ratioVsFloor,
    )}x cortex-rx and ${sig(floorVsPipes)}x pipes. Dominant band per channel: cortex-rx and pipes agree on ${agreePipes.channelsAgree}/${agreePipes.channels} channels (${sig(
      agreePipes.perEpochAgree * 100,
      4,
    )}% of epoch × channel pairs), cortex-rx and the floor on ${agreeFloor.channelsAgree}/${agreeFloor.channels} (values equal to ${maxRelativeDifference(chain.cortexRx, chain.floor).toExponential(1)} relative): ${names(chain.cortexRx).join(' ')}. The units differ: cortex-rx and the floor give µV² (one-sided Welch PSD in µV²/Hz, Hann, constant detrend, summed over the half-open band's bins × Δf); pipes gives the mean of dsp.js's amplitude spectrum 2/N·|X[k]| (µV, no window, no detrend) over the band's bins with inclusive edges. Allocation: ${ALLOCATION_METHOD}.`,
    `Where the time goes (cumulative cortex-rx stages over ${stages.samples} samples, median of ${stages.rounds} alternating rounds, ns per input sample): ${Object.entries(
      stages.nsPerSample,
    )
      .map(([k, v]) => `${k} ${sig(v, 3)}`)
      .join(', ')}; so epoch ≈ ${sig(stages.nsPerSample.epoch, 3)}, psd ≈ ${sig(
      stages.nsPerSample.epochPsd - stages.nsPerSample.epoch,
      3,
    )}, band sums ≈ ${sig(stages.nsPerSample.epochBandPower - stages.nsPerSample.epochPsd, 3)} ns/sample against ${sig(stages.nsPerSample.floor, 3)} for the whole floor.`,
    `### 2. FFT kernel (one reused plan; output: magnitude spectrum 2/N·|X[k]|, k < N/2)`,
    table(
      ['case', 'per s', '± (half spread)'],
      fft.cases.map((c) => [c.name, r(c.perS), `±${Math.round((c.spread * 100) / 2)}%`]),
    ),
    `Magnitudes of dsp.js and fft.js agree to ${Object.entries(fft.maxRelativeMagnitudeError)
      .map(([n, e]) => `${e.toExponential(1)} (${n})`)
      .join(', ')} of the peak. fft.js realTransform / dsp.js forward: ${Object.entries(results.fft.fftJsRealOverDspJs)
      .map(([n, x]) => `${x}x at ${n}`)
      .join(', ')}.`,
    `### 3a. Ingest: ${ingest.distinctFrames} simulator eeg frames (${Math.round(ingest.meanFrameChars)} chars, ${ingest.sessions} sessions), fed to the client's socket handler`,
    table(
      [
        'path',
        'frames/s (median of rounds)',
        '± (half spread)',
        'rate ÷ JSON.parse (paired by round)',
        'B allocated / frame',
      ],
      ingest.cases.map((c) => [
        c.label,
        r(c.framesPerS),
        `±${Math.round((c.spread * 100) / 2)}%`,
        sig(pairedIngestRatio(c, ingestCase.jsonParse), 3),
        sig(c.bytesPerFrame, 3),
      ]),
    ),
    `Client subscribers received ${ingest.clientReceived} of ${ingest.clientFed} frames fed; ${ingest.diagnostics} diagnostics. Client ÷ JSON.parse of the same text (string already made): ${sig(ingestRatioVsText, 3)}.`,
    `### 3b. Headsets: EPOC X @ 256 Hz through one client (simulator in a child process), ${PLAN.windowS} s windows`,
    table(
      [
        'headsets',
        'frames sent',
        'received',
        'lost',
        'client CPU s',
        '% of a core',
        'event loop busy',
        'simulator CPU s',
        'frame age p50 / p99 / max ms',
      ],
      [
        ...headsets.map((h) => [
          h.count,
          h.sent,
          h.received,
          h.lost,
          sig(h.cpuS, 3),
          `${Math.round(h.cpuCoreFraction * 100)}%`,
          `${Math.round(h.eventLoopUtilization * 100)}%`,
          sig(h.simulatorCpuS, 3),
          `${sig(h.lagP50Ms, 3)} / ${sig(h.lagP99Ms, 3)} / ${sig(h.lagMaxMs, 3)}`,
        ]),
        [
          `${rawBaseline.count} (bare ws + JSON.parse baseline)`,
          rawBaseline.sent,
          rawBaseline.received,
          rawBaseline.sent - rawBaseline.received,
          sig(rawBaseline.cpuS, 3),
          `${Math.round(rawBaseline.cpuCoreFraction * 100)}%`,
          '',
          '',
          '',
        ],
      ],
    ),
    'Sent: the simulator numbers its samples (time = k/256, COUNTER = k mod 256) and sends every k of the window to each subscribed session; received: distinct k per headset (COUNTER checked against k: ' +
      `${headsets.reduce((n, h) => n + h.counterMismatches, 0)} mismatches, ${headsets.reduce((n, h) => n + h.duplicates, 0)} duplicates, ${headsets.reduce((n, h) => n + h.gaps, 0)} gaps). Frame age = arrival at the subscriber − (sample time + the simulator's 50 ms send delay).`,
    `### 4. Latency: frame arrival → bandPower emission (epoch 256 / hop 32, Hann, copy: false)`,
    table(
      [
        'headsets with the chain',
        'emissions',
        'from TCP read p50 / p99 / max ms',
        'from ws message p50 / p99 ms',
        'from sample time p50 / p99 ms',
      ],
      [latency1, latency64].map((l) => [
        l.headsets,
        l.emissions,
        `${sig(l.fromRead.p50Ms, 3)} / ${sig(l.fromRead.p99Ms, 3)} / ${sig(l.fromRead.maxMs, 3)}`,
        `${sig(l.fromMessage.p50Ms, 3)} / ${sig(l.fromMessage.p99Ms, 3)}`,
        `${sig(l.fromSampleTime.p50Ms, 3)} / ${sig(l.fromSampleTime.p99Ms, 3)}`,
      ]),
    ),
    `### 5. End to end: ws message (the bytes) → band power, EPOC X frames replayed to the client, 1 and 64 headsets`,
    table(
      [
        'headsets',
        'contender',
        'ns / frame (median of rounds)',
        '± (half spread)',
        'time ÷ JSON.parse + floor (paired)',
        'B allocated / frame',
        'emissions / expected',
      ],
      endToEnd.cases.map((c) => [
        c.headsets,
        c.key === 'cortexRx'
          ? 'cortex-rx client → epoch → bandPower'
          : c.key === 'floor'
            ? 'JSON.parse + Map by sid + floor loop'
            : 'JSON.parse + @neurosity/pipes epoch → fft → powerByBand',
        r(c.nsPerFrame),
        `±${Math.round((c.spread * 100) / 2)}%`,
        sig(pairedTimeRatio(c, e2e('floor', c.headsets)), 3),
        sig(c.bytesPerFrame, 3),
        `${c.emissions} / ${c.expectedEmissions}`,
      ]),
    ),
    `cortex-rx per 256 Hz headset with band power (64 headsets): ${sig(cpuPerHeadset * 100, 3)}% of a core from the ws message (TCP and ws framing apart: part 3b's bare-ws baseline); @neurosity/pipes takes ${sig(pairedTimeRatio(e2e('neurosityPipes', 64), e2e('cortexRx', 64)), 3)}x cortex-rx's time. ${endToEnd.diagnostics} diagnostics.`,
    `### 6. Recorded file: ${edfFile.seconds / 60} min of ${edfFile.channels}-channel EDF+ at ${edfFile.sampleRateHz} Hz (${human(edfFile.fileBytes)}B)\n\n` +
      `fromEdf → epoch(256, hop 128) → bandPower: ${sig(edfFile.streamS, 3)} s (${human(edfFile.streamSamplesPerS)} samples/s, ${edfFile.bandPowerEpochs} epochs), ` +
      `live heap + buffers at most ${human(edfFile.streamPeakBytes)}B above the start while streaming (after a forced GC every 65 536 samples); readEdf (whole file): ${sig(edfFile.readEdfS, 3)} s; ` +
      `MNE read_raw_edf(preload=True): ${edfFile.mneReadS === undefined ? 'MNE not installed' : `${sig(edfFile.mneReadS, 3)} s`}.`,
    natsRelaySection(natsRelay),
    '### Targets (reported, not asserted)',
    table(
      ['target', 'value', 'wanted', 'met'],
      targets.map((t) => [t.name, t.value, t.target, t.met ? 'yes' : '**no**']),
    ),
  ];
  const report = sections.join('\n\n');
  process.stdout.write(`\n${report}\n`);

  if (quick) {
    progress('quick run: bench/results.json and bench/README.md left as they are');
    return;
  }
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const readmePath = join(__dirname, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- last-run:begin -->';
  const end = '<!-- last-run:end -->';
  const i = readme.indexOf(begin);
  const j = readme.indexOf(end);
  if (i >= 0 && j > i) {
    writeFileSync(readmePath, `${readme.slice(0, i + begin.length)}\n${report}\n${readme.slice(j)}`);
    progress('wrote bench/results.json and the last-run block of bench/README.md');
  } else {
    progress(`wrote bench/results.json; bench/README.md has no ${begin} … ${end} block to update`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

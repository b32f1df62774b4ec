/** Options of {@link fromEdf} and {@link fromCsvExport}. */
export interface FileStreamConfig {
  /**
   * `'fast'` (default): samples as fast as the subscriber takes them, one chunk at a time, yielding to the event loop
   * between chunks; `'realtime'`: each sample when its time comes, as a headset would send it.
   */
  readonly pace?: 'fast' | 'realtime';
  /** Samples read from the file at a time (default 256; EDF reads whole data records, so at least one record). */
  readonly chunkSamples?: number;
  /** EDF/BDF: which rate's EEG channels to stream when the file's voltage channels run at several rates. */
  readonly sampleRateHz?: number;
}

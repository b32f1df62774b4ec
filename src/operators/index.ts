// RxJS operators for high-rate EEG streams (the DSP and operators issue).
export {};

// The embedded Cortex simulator.
export {};

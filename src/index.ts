// cortex-rx: the reactive Cortex client.
export {};

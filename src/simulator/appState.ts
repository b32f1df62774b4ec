/** An application the simulator knows (from its first requestAccess/authorize), with its licence. */
export interface AppState {
  readonly clientId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly licenseId: string;
  readonly maxDebit: number;
  /** Activations left; Infinity when the licence has no quota. */
  quota: number;
}

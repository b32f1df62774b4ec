/**
 * The style sheet of `cortex-rx web`'s page (served as `/page.css`).
 *
 * ## Example
 * ```ts
 * import { pageCss } from './pageCss'; // inside src/web: `cortex-rx web` is the public face
 * pageCss().includes('#bands'); // true
 * ```
 */
export function pageCss(): string {
  return `:root { --ink: #1d2733; --muted: #66727f; --line: #dfe4ea; --accent: #1f6feb; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 16px; padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; }
h1 .sub { font-weight: 400; color: var(--muted); }
h2 { font-size: 15px; margin: 0 0 8px; }
.url { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
main { padding: 12px 20px; display: grid; gap: 12px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.muted { color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; }
th, td { padding: 3px 10px; text-align: left; }
#headsets td, #headsets th { border-bottom: 1px solid var(--line); }
#connection { margin-left: auto; padding: 2px 10px; border-radius: 999px; font-weight: 600; background: #eee; }
#connection[data-state="connected"] { background: #dafbe1; color: #116329; }
#connection[data-state="connecting"] { background: #fff8c5; color: #7d4e00; }
#connection[data-state="reconnecting"], #connection[data-state="stalled"] { background: #ffebe9; color: #a40e26; }
button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid #c9d1d9; background: #f6f8fa; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
button#record.recording { background: #cf222e; color: #fff; border-color: #cf222e; }
kbd { border: 1px solid #c9d1d9; border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; font-size: 12px; }
.toolbar { display: flex; align-items: center; gap: 10px; margin-bottom: 10px; flex-wrap: wrap; }
.toolbar .scale { margin-left: auto; color: var(--muted); }
#record-status { font-family: ui-monospace, monospace; font-size: 12px; }
.panels { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 16px; align-items: start; }
figure { margin: 0; }
#eeg { width: 100%; height: 480px; display: block; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
#bands { font-variant-numeric: tabular-nums; }
#bands caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
#bands th[scope="row"] { font-weight: 600; }
#bands td { text-align: right; min-width: 58px; border-radius: 3px; }
#bands td.max { font-weight: 700; outline: 1px solid rgba(31, 111, 235, .6); }
#problem { margin: 0 0 6px; color: #a40e26; font-weight: 600; }
#problem:empty { display: none; }
#log { margin: 0; padding-left: 20px; max-height: 140px; overflow: auto; font-family: ui-monospace, monospace; font-size: 12px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;
}

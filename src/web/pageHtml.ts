/**
 * The page of `cortex-rx web`: static HTML that `page.js` (the browser bundle) fills in. No inline script or style,
 * so the server can send a strict Content-Security-Policy.
 *
 * ## Example
 * ```ts
 * import { pageHtml } from './pageHtml'; // inside src/web: `cortex-rx web` is the public face
 * pageHtml().startsWith('<!doctype html>'); // true
 * ```
 */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cortex-rx · live EEG</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
</head>
<body>
<header>
  <h1>cortex-rx <span class="sub">live EEG</span></h1>
  <span id="cortex-url" class="url"></span>
  <output id="connection" data-state="connecting">connecting</output>
</header>
<main>
  <section aria-labelledby="headsets-title">
    <h2 id="headsets-title">Headsets</h2>
    <table id="headsets">
      <thead><tr><th scope="col">Headset</th><th scope="col">Status</th><th scope="col">EEG</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
      <tbody><tr><td colspan="4" class="muted">looking for headsets…</td></tr></tbody>
    </table>
  </section>
  <section aria-labelledby="live-title">
    <h2 id="live-title">Live <span id="session-title" class="muted"></span></h2>
    <div class="toolbar">
      <button id="record" type="button" disabled>Record</button>
      <button id="marker" type="button" disabled>Marker</button>
      <span class="muted">or press <kbd>M</kbd> while recording</span>
      <output id="record-status"></output>
      <label class="scale">scale <select id="scale">
        <option value="25">25 µV</option><option value="50" selected>50 µV</option>
        <option value="100">100 µV</option><option value="200">200 µV</option>
      </select></label>
    </div>
    <div class="panels">
      <figure class="traces">
        <canvas id="eeg" role="img" aria-label="EEG per channel, the last 5 seconds"></canvas>
        <figcaption id="trace-caption" class="muted">EEG, 0.5 Hz high-pass, last 5 s</figcaption>
      </figure>
      <figure class="bands">
        <table id="bands">
          <caption>Relative band power, last 2 s</caption>
          <thead></thead>
          <tbody></tbody>
        </table>
        <figcaption id="bands-caption" class="muted"></figcaption>
      </figure>
    </div>
  </section>
  <section aria-labelledby="messages-title">
    <h2 id="messages-title">Messages</h2>
    <p id="problem" role="alert"></p>
    <ol id="log" aria-live="polite"></ol>
  </section>
</main>
<script src="/page.js"></script>
</body>
</html>
`;
}

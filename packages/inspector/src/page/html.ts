import { appScript } from './script-app.js'
import { formScript } from './script-forms.js'
import { style } from './style.js'

/** JSON for an inline `<script>`: `<` escaped so no value can close the element. */
const inlineJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

/** The whole page: markup, style and script inline, so any host serves it as one string. */
export function inspectorPage(socketPath: string, pagePath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wsbridge inspector</title>
<style>${style}</style>
</head>
<body>
<header>
  <h1>wsbridge inspector</h1>
  <span id="status" data-state="connecting">connecting…</span>
  <button id="record" type="button">Record session</button>
  <button id="export" type="button">Export as test</button>
</header>
<main>
  <section id="live">
    <h2>Connections <span id="connection-count"></span></h2>
    <table id="connections"><thead><tr><th>id</th><th>route</th><th>user</th><th>ip</th><th>topics</th><th>buffered</th></tr></thead><tbody></tbody></table>
    <h2>Topics</h2>
    <ul id="topics"></ul>
  </section>
  <section id="compose">
    <h2>Send</h2>
    <form id="send-form">
      <label>To <select id="target"></select></label>
      <label>Message <select id="variant"></select></label>
      <div id="fields"></div>
      <label class="raw"><input type="checkbox" id="raw-toggle"> Edit as JSON</label>
      <textarea id="raw" rows="6" hidden></textarea>
      <button id="send" type="submit">Send</button>
      <p id="result" role="status"></p>
    </form>
  </section>
  <section id="log-section">
    <h2>Message log</h2>
    <div id="filters">
      <select id="filter-route"><option value="">all routes</option></select>
      <select id="filter-direction"><option value="">all kinds</option><option>in</option><option>out</option><option>publish</option><option>inject</option><option>open</option><option>close</option><option>error</option></select>
      <input id="filter-connection" placeholder="connection id">
      <input id="filter-type" placeholder="type">
    </div>
    <table id="log"><thead><tr><th>time</th><th>kind</th><th>route</th><th>connection</th><th>type</th><th>data</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="export-section" hidden>
    <h2>Recorded session as a test <a id="download" download="recorded-session.test.ts">download</a></h2>
    <textarea id="exported" rows="16" readonly></textarea>
  </section>
</main>
<script>
const CONFIG = ${inlineJson({ socketPath, pagePath })};
${formScript}
${appScript}
</script>
</body>
</html>`
}

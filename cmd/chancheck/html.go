package main

// The HTML report: one self-contained page (inline CSS and SVG, no external assets;
// Porcupine's visualization is embedded in an iframe's srcdoc and also linked).

import "html/template"

var reportPage = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #212529; margin: 24px 32px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #dee2e6; padding-bottom: 4px; }
  .sub { color: #495057; margin-bottom: 16px; }
  pre { tab-size: 4; }
  pre, code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
  pre { background: #f8f9fa; border: 1px solid #e9ecef; border-radius: 4px; padding: 10px 12px; margin: 0; overflow-x: auto; }
  .fail { border-left: 4px solid #e03131; background: #fff5f5; padding: 10px 14px; border-radius: 0 4px 4px 0; }
  .fail b { color: #c92a2a; }
  .pass { border-left: 4px solid #2f9e44; background: #ebfbee; padding: 10px 14px; }
  .fail pre { background: transparent; border: none; padding: 4px 0 0; white-space: pre-wrap; }
  .cols { display: grid; grid-template-columns: minmax(240px, 360px) 1fr; gap: 24px; align-items: start; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0; }
  dt { color: #495057; font-weight: 600; }
  dd { margin: 0; }
  dd code { background: #f1f3f5; padding: 2px 6px; border-radius: 3px; word-break: break-all; }
  .scroll { overflow-x: auto; border: 1px solid #e9ecef; border-radius: 4px; padding: 6px 0; }
  svg.timeline text { font: 12px ui-monospace, Menlo, Consolas, monospace; fill: #212529; }
  svg.timeline text.ev.detail { fill: #868e96; }
  svg.timeline text.ev.panic { fill: #c92a2a; }
  svg.timeline .who { font-weight: 700; }
  svg.timeline text.step { fill: #868e96; }
  svg.timeline text.chans.same { fill: #adb5bd; }
  svg.timeline text.head { font: 600 12px system-ui, sans-serif; fill: #495057; }
  svg.timeline text.lane { font: 700 13px system-ui, sans-serif; }
  svg.timeline text.gid { font: 11px system-ui, sans-serif; fill: #868e96; }
  svg.timeline text.mark { fill: #e03131; font-weight: 700; }
  svg.legend text { font: 12px system-ui, sans-serif; fill: #495057; }
  iframe { width: 100%; height: 640px; border: 1px solid #dee2e6; border-radius: 4px; }
  details summary { cursor: pointer; color: #1971c2; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<div class="sub">target <code>{{.Target}}</code>{{with .Mutant}} — the mutant: {{.}}{{end}}</div>
{{with .Schedule}}
{{if .Property}}<div class="fail"><b>property violated: {{.Property}}</b><pre>{{.Err}}</pre></div>
{{else}}<div class="pass">every check passed on this run</div>{{end}}
<h2>The run</h2>
<div class="cols">
<div><pre>{{.Program}}</pre></div>
<dl>
  <dt>from</dt><dd>{{.Origin}}{{with .Shrunk}}; {{.}}{{end}}</dd>
  <dt>outcome</dt><dd><code>{{.Outcome}}</code></dd>
{{if .Native}}
  <dt>schedule</dt><dd>none: the Go runtime chose it, on real threads; it cannot be replayed</dd>
  <dt>runtime</dt><dd>{{.Runtime}}</dd>
  <dt>re-run</dt><dd><code>{{.Replay}}</code>, with the same toolchain (and its -overlay if it had one)</dd>
  <dt>files</dt><dd>program.txt</dd>
</dl>
</div>
{{else}}
  <dt>schedule</dt><dd><code>{{.Schedule}}</code></dd>
  <dt>goroutines</dt><dd><code>{{.Goroutines}}</code> (main makes the channels and starts the others)</dd>
  <dt>replay</dt><dd><code>{{.Replay}}</code></dd>
  <dt>files</dt><dd>replay.txt (program and schedule), trace.txt, trace.ndjson</dd>
</dl>
</div>
<h2>Timeline: goroutines × time</h2>
<div>{{.Legend}}</div>
<div class="scroll">{{.Timeline}}</div>
<details><summary>the trace, one event a line</summary><pre>{{range .Trace}}{{.}}
{{end}}</pre></details>
{{end}}
{{end}}
{{with .History}}
<h2>A history that is not linearizable</h2>
<div class="fail"><b>{{.Origin}}</b>
{{with .RunErr}}<pre>the run ended badly: {{.}}</pre>{{end}}
<pre>{{range .Verdicts}}{{.}}
{{end}}</pre></div>
<div class="cols" style="margin-top:12px">
{{if .Workload}}<div><pre>{{.Workload}}</pre></div>{{end}}
<pre>{{range .Ops}}{{.}}
{{end}}</pre>
</div>
{{if .Viz}}<h2>Porcupine's visualization</h2>
<p>Also in <a href="{{.Viz}}">{{.Viz}}</a>. The operations the checkers blame are marked ✗.</p>
<iframe title="Porcupine visualization" srcdoc="{{.VizDoc}}"></iframe>{{end}}
{{end}}
</body>
</html>
`))

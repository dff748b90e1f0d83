/** The report's whole stylesheet: system fonts only, light and dark themes, print rules. */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa;
  --bar: #4a86d8; --warn-bg: #fff5d6; --warn-border: #d4a72c; --warn-fg: #3b2300;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #161b22;
    --bar: #4f8fe6; --warn-bg: #3a2c06; --warn-border: #bb8009; --warn-fg: #f5deaa;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif;
}
main { max-width: 1140px; margin: 0 auto; padding: 28px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1rem; margin: 0; }
p { margin: 6px 0; }
.muted { color: var(--muted); }
.small { font-size: 0.85rem; }
.mono { font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 0.85rem; word-break: break-all; }
.meta { color: var(--muted); margin-bottom: 20px; }
.meta b { color: var(--fg); font-weight: 600; }
.warnings {
  background: var(--warn-bg); color: var(--warn-fg); border: 1px solid var(--warn-border);
  border-left-width: 6px; border-radius: 6px; padding: 10px 16px; margin: 16px 0 20px;
}
.warnings h2 { border: 0; margin: 0 0 4px; padding: 0; font-size: 1.05rem; color: inherit; }
.warnings ul { margin: 0; padding-left: 20px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 12px 0; }
.stat { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; }
.stat .label { color: var(--muted); font-size: 0.85rem; }
.stat .value { font-size: 1.75rem; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
.stat .sub { color: var(--muted); font-size: 0.8rem; }
figure { margin: 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 6px; }
.matrix svg { border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: collapse; margin: 4px 0 8px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { font-weight: 600; border-bottom: 2px solid var(--border); }
tbody th { font-weight: 500; }
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--border); border-bottom: 0; }
.num { text-align: right; white-space: nowrap; }
.side-by-side { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
.per-speaker th, .per-speaker td { padding: 3px 9px; }
.bar-cell { width: 84px; vertical-align: middle; }
.bar { display: block; height: 8px; background: var(--card); border: 1px solid var(--border); border-radius: 4px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--bar); }
.chips { line-height: 2; }
.chip { display: inline-block; padding: 0 8px; border: 1px solid var(--border); border-radius: 10px; font-size: 0.8rem; white-space: nowrap; }
.chip b { font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 0.85rem; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr)); gap: 14px; margin-top: 8px; }
.panel { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px 4px; break-inside: avoid; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; color: var(--fg); }
.charts svg { width: 100%; height: auto; display: block; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 0 40px; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--border); padding-top: 8px; }
@media (max-width: 640px) {
  main { padding: 16px; }
  table { display: block; overflow-x: auto; max-width: 100%; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  section, figure, table, .panel, .stat { break-inside: avoid; }
  thead { display: table-header-group; }
  .headline { grid-template-columns: repeat(5, 1fr); }
  .stat .value { font-size: 1.4rem; }
  .curves { grid-template-columns: 1fr 1fr; }
}
`;

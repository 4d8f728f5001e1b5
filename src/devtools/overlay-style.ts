/** The panel's CSS, scoped by the shadow root so the app's styles neither leak in nor out. */
export const OVERLAY_CSS = `
:host { all: initial; }
.panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; box-sizing: border-box; width: 620px; max-width: calc(100vw - 24px);
  max-height: calc(100vh - 24px); overflow: auto; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e8eaed;
  background: #181a20; border: 1px solid #3c4043; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.4); padding: 8px 12px 10px; }
.panel[hidden] { display: none; }
header { display: flex; gap: 8px; align-items: center; margin-bottom: 2px; white-space: nowrap; }
header .spacer { flex: 1; }
header .muted { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.score { font-weight: bold; padding: 1px 8px; border-radius: 10px; cursor: help; }
.score.good { background: #137333; } .score.warn { background: #b06000; } .score.bad { background: #a50e0e; }
.muted { color: #9aa0a6; }
p.muted { margin: 0; }
.close { all: unset; cursor: pointer; color: #9aa0a6; font-size: 16px; line-height: 1; padding: 0 2px; }
.close:hover, .close:focus-visible { color: #e8eaed; }
h3 { margin: 8px 0 3px; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #8ab4f8; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
th, td { text-align: right; padding: 1px 5px; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; max-width: 200px; overflow: hidden; text-overflow: ellipsis; }
th { color: #9aa0a6; font-weight: normal; border-bottom: 1px solid #3c4043; }
table.ops th { cursor: pointer; user-select: none; }
table.ops th:hover { color: #e8eaed; }
table.ops th.sorted { color: #e8eaed; }
tr.bad td:first-child, tr.bad td:last-child, td.over { color: #f28b82; }
table.violations td:first-child { max-width: 250px; }
table.violations tr.critical td:first-child { color: #f28b82; font-weight: bold; }
table.violations tr.warning td:first-child { color: #fdd663; }
table.violations tr.error td:first-child { color: #f28b82; }
td.trace { color: #c4c7c5; text-align: left; }
table.violations th:last-child { text-align: left; }
a { color: #8ab4f8; }
.columns { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; }
.columns .section { min-width: 0; }
ul { margin: 0; padding-left: 14px; }
li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
`;

/** The trace waterfall, the state-change, console and request detail views. */
export const DETAIL_CSS = `
tr.openable { cursor: pointer; } tr.openable:hover, tr.openable:focus-visible { background: #26292f; outline: none; }
.wf-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.wf-close, .tool { all: unset; cursor: pointer; color: #8ab4f8; padding: 0 4px; border: 1px solid #3c4043; border-radius: 4px; }
.wf-close:focus-visible, .tool:focus-visible { outline: 2px solid #8ab4f8; }
table.waterfall td.wf-name { text-align: left; max-width: 190px; }
table.waterfall td.wf-track { position: relative; width: 34%; min-width: 120px; }
.wf-bar { position: absolute; top: 3px; bottom: 3px; background: #8ab4f8; border-radius: 2px; min-width: 2px; }
table.waterfall tr.over td { color: #f28b82; } table.waterfall tr.over .wf-bar { background: #f28b82; }
table.waterfall tr.error .wf-bar { background: #fdd663; }
table.waterfall tr.breaking { outline: 1px solid #f28b82; }
table.waterfall tr:focus { background: #26292f; outline: 1px solid #8ab4f8; }
.section-error { color: #fdd663; }
.toolbar { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
`;

/** The replay report. */
export const REPORT_CSS = `
table.report td { text-align: left; } table.report td.over { color: #f28b82; }
table.report tr.verdict-fixed td.verdict { color: #81c995; font-weight: bold; }
table.report tr.verdict-regressed td.verdict, table.report tr.verdict-still-over td.verdict { color: #f28b82; font-weight: bold; }
p.bad { color: #f28b82; margin: 0; }
`;

/** The state diff. */
export const DIFF_CSS = `
.diffs .diff { margin-bottom: 4px; } .diffs li.add { color: #81c995; } .diffs li.del { color: #f28b82; }
`;

/** Console and request details. */
export const INSPECT_CSS = `
select.console-filter { background: #26292f; color: #e8eaed; border: 1px solid #3c4043; font: inherit; margin-bottom: 2px; }
ul.console li.level-error .level { color: #f28b82; } ul.console li.level-warn .level { color: #fdd663; }
ul.console .where { color: #8ab4f8; }
button.request-line { all: unset; cursor: pointer; display: block; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
button.request-line:focus-visible { outline: 1px solid #8ab4f8; }
dl.request-details { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 2px 0 4px; white-space: normal; }
dl.request-details dt { color: #9aa0a6; } dl.request-details dd { margin: 0; word-break: break-all; }
ul.requests li { white-space: normal; }
`;

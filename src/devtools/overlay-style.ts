/** The panel's CSS, scoped by the shadow root so the app's styles neither leak in nor out. */
export const OVERLAY_CSS = `
:host { all: initial; }
.panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; width: 560px; max-height: 70vh; overflow: auto;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e8eaed; background: rgba(24, 26, 32, 0.95);
  border: 1px solid #3c4043; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.4); padding: 10px 12px; }
.panel[hidden] { display: none; }
header { display: flex; gap: 10px; align-items: center; margin-bottom: 6px; }
.score { font-weight: bold; padding: 1px 8px; border-radius: 10px; }
.score.good { background: #137333; } .score.warn { background: #b06000; } .score.bad { background: #a50e0e; }
.muted { color: #9aa0a6; }
h3 { margin: 10px 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #8ab4f8; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: right; padding: 2px 6px; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; max-width: 190px; overflow: hidden; text-overflow: ellipsis; }
th { cursor: pointer; color: #9aa0a6; font-weight: normal; border-bottom: 1px solid #3c4043; user-select: none; }
th.sorted { color: #e8eaed; }
tr.bad td { color: #f28b82; }
ul { margin: 0; padding-left: 16px; } li { word-break: break-all; }
`;

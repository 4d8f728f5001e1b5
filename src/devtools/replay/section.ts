import { diag } from '@opentelemetry/api';
import { button, el, errorText, fmt, fmtBudget } from '../dom.js';
import type { OverlaySection, OverlaySectionFactory, SectionContext } from '../sections/types.js';
import { recordSession, type SessionRecorder } from './record.js';
import { replaySession, type ReplayOptions, type ReplayReport } from './replay.js';
import type { Recording } from './schema.js';
import { resolveTargets, type Targets } from './targets.js';

export interface SessionSectionOptions extends Targets {
  /** Replay pace (see replaySession). Default 1. */
  speed?: number;
  /** e.g. Preact's `batch`, for replaying a group's writes together. */
  batch?: ReplayOptions['batch'];
}

interface SessionView {
  state: 'idle' | 'recording' | 'replaying';
  steps: number;
  groups: number;
  message: string | undefined;
  report: ReplayReport | null;
}

/**
 * The overlay's "Session" section: record / stop / download the Recording as JSON / replay it
 * (or a loaded file), and the replay report: per group, each operation's duration and budget
 * outcome when recorded and now. Pass it to `mountOverlay(ft, { sections: [sessionSection({ signals, tables })] })`;
 * it lives in `frametel/devtools/replay`, so the overlay alone does not carry the recorder.
 * Targets are checked at once: bad ones throw one FrametelConfigError.
 */
export function sessionSection(options: SessionSectionOptions): OverlaySectionFactory {
  resolveTargets('sessionSection', options as Record<string, unknown>);
  return (ctx: SectionContext): OverlaySection<SessionView> => {
    let recorder: SessionRecorder | undefined;
    let recording: Recording | undefined;
    let report: ReplayReport | null = null;
    let replaying = false;
    let message: string | undefined;
    const targets = { signals: options.signals, tables: options.tables };

    const guarded = (what: string, fn: () => void) => () => {
      try {
        fn();
      } catch (error) {
        message = `${what} failed: ${errorText(error)}`;
        diag.debug(`frametel overlay: ${what} failed`, error);
      }
      ctx.refresh();
    };
    const replay = async (input: unknown) => {
      replaying = true;
      message = undefined;
      ctx.refresh();
      try {
        report = await replaySession(input, { ...targets, ft: ctx.ft, speed: options.speed, batch: options.batch });
      } catch (error) {
        message = `replay failed: ${errorText(error)}`;
      } finally {
        replaying = false;
        ctx.refresh();
      }
    };
    const download = () => {
      if (!recording) return;
      const url = URL.createObjectURL(new Blob([JSON.stringify(recording, null, 2)], { type: 'application/json' }));
      const a = el('a');
      a.href = url;
      a.download = `frametel-recording-${recording.startedAt.replace(/[:.]/g, '-')}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    const load = () => {
      const input = el('input');
      input.type = 'file';
      input.accept = 'application/json,.json';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file)
          void file.text().then(
            (text) => replay(text),
            (error: unknown) => {
              message = `could not read ${file.name}: ${errorText(error)}`;
              ctx.refresh();
            },
          );
      });
      input.click();
    };

    return {
      id: 'session',
      title: 'Session recording',
      collect: () => ({
        state: replaying ? 'replaying' : recorder ? 'recording' : 'idle',
        steps: recorder?.steps ?? 0,
        groups: recording?.groups.length ?? 0,
        message,
        report,
      }),
      render(view) {
        const box = el('div');
        const bar = el('div', 'toolbar');
        if (view.state === 'recording')
          bar.append(
            button(
              '■ stop',
              guarded('stop', () => {
                recording = recorder?.stop();
                recorder = undefined;
              }),
              'tool',
            ),
            el('span', 'muted', `recording… ${view.steps} steps`),
          );
        else {
          const record = button(
            '● record',
            guarded('record', () => {
              report = null;
              recorder = recordSession(ctx.ft, targets);
            }),
            'tool',
          );
          record.disabled = view.state === 'replaying';
          bar.append(record);
          if (recording) {
            const again = button('▶ replay', () => void replay(recording), 'tool');
            again.disabled = view.state === 'replaying';
            bar.append(button('download', guarded('download', download), 'tool'), again);
          }
          bar.append(button('load & replay…', guarded('load', load), 'tool'));
          if (recording) bar.append(el('span', 'muted', `${view.groups} groups recorded`));
          if (view.state === 'replaying') bar.append(el('span', 'muted', 'replaying…'));
        }
        box.append(bar);
        if (view.message) box.append(el('p', 'section-error', view.message));
        if (view.report) box.append(reportTable(view.report));
        return box;
      },
      dispose: () => {
        recorder?.stop();
      },
    };
  };
}

/** The replay report as a table: one row per operation of each group, recorded vs replayed. */
export function reportTable(report: ReplayReport): HTMLElement {
  const box = el('div', 'replay-report');
  const s = report.summary;
  box.append(
    el(
      'p',
      s.regressed > 0 ? 'bad' : 'muted',
      `replayed ${report.groups.length} groups · ${s.applied} changes applied · ${s.problems} problems · ` +
        `${s.fixed} fixed · ${s.regressed} regressed${report.measured ? '' : ' · not measured (no span buffer)'}`,
    ),
  );
  const table = el('table', 'report');
  const head = el('tr');
  for (const h of ['#', 'change', 'operation (subject)', 'recorded', 'replayed', 'budget', 'verdict'])
    head.append(el('th', undefined, h));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const g of report.groups) {
    const changes = g.steps
      .filter((st) => st.status !== 'interaction')
      .map((st) => (st.status === 'applied' ? st.name : `${st.name ?? st.kind}: ${st.status} (${st.detail ?? ''})`));
    const rows = g.comparison.filter(
      (c) => c.operation !== 'signal.update' || c.recordedExceeded || c.replayedExceeded,
    );
    const first = rows.length ? rows : [undefined];
    first.forEach((c, i) => {
      const tr = el('tr', c ? `verdict-${c.verdict.replace(' ', '-')}` : undefined);
      const change = i === 0 ? changes.join(', ') || '–' : '';
      tr.append(
        el('td', undefined, i === 0 ? String(g.index + 1) : ''),
        el('td', g.steps.some((st) => !['applied', 'interaction'].includes(st.status)) ? 'over' : undefined, change),
      );
      if (c) {
        const ms = (v: number | undefined, over: boolean) =>
          el('td', over ? 'over' : undefined, v === undefined ? '–' : `${fmt(v)} ms`);
        tr.append(
          el('td', undefined, `${c.operation}${c.subject ? ` (${c.subject})` : ''}`),
          ms(c.recordedMs, c.recordedExceeded),
          ms(c.replayedMs, c.replayedExceeded),
          el('td', undefined, fmtBudget(c.budgetMs)),
          el('td', 'verdict', c.verdict),
        );
      } else tr.append(el('td', 'muted', 'no operations'), el('td'), el('td'), el('td'), el('td'));
      tbody.append(tr);
    });
  }
  table.append(thead, tbody);
  box.append(table);
  return box;
}

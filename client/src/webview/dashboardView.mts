// The dashboard page's script (bundled to dist/webview.js for the browser, Chart.js inside). It draws
// the summary the extension posts; every colour and font comes from the editor theme's CSS variables
// and the charts are redrawn when the theme changes. The DOM is built with textContent only: names
// from records are never parsed as HTML.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { CampaignSummary, Figures } from '../../../shared/protocol.js';
import type { DashboardLabels, FromDashboard, ToDashboard } from './dashboardMessages.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

interface VsCodeApi {
  postMessage(message: FromDashboard): void;
  getState(): ToDashboard | undefined;
  setState(state: ToDashboard): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('dashboard') as HTMLElement;
let charts: Chart[] = [];
let current: ToDashboard | undefined = api.getState();

/** Bar height per category, so long region lists stay readable. */
const ROW_HEIGHT_PX = 26;
const MIN_CHART_HEIGHT_PX = 140;
/** A 0 % pass rate still draws a sliver, so it is not mistaken for "not checked" (no bar). */
const ZERO_BAR_PX = 3;

window.addEventListener('message', (event: MessageEvent<ToDashboard>) => {
  current = event.data;
  api.setState(current);
  render();
});
// VS Code swaps the body's theme class (vscode-light / vscode-dark / …) and the --vscode-* variables
new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
if (current) render();
api.postMessage({ type: 'ready' });

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function palette() {
  return {
    foreground: themeColour('--vscode-charts-foreground', themeColour('--vscode-foreground', '#616161')),
    lines: themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    websites: themeColour('--vscode-charts-blue', '#1a85ff'),
    media: themeColour('--vscode-charts-purple', '#b180d7'),
    pass: themeColour('--vscode-charts-green', '#388a34'),
    fail: themeColour('--vscode-charts-red', '#e51400'),
    warn: themeColour('--vscode-charts-yellow', '#bf8803'),
    font: themeColour('--vscode-font-family', 'sans-serif'),
    fontSize: parseFloat(themeColour('--vscode-font-size', '13')) || 13,
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(): void {
  for (const c of charts) c.destroy();
  charts = [];
  root.replaceChildren();
  if (!current) return;
  const L = current.labels;
  if (current.type === 'error') {
    root.append(el('p', 'error', current.message), refreshButton(L));
    return;
  }
  const s = current.summary;
  const p = palette();
  Chart.defaults.color = p.foreground;
  Chart.defaults.borderColor = p.lines;
  Chart.defaults.font.family = p.font;
  Chart.defaults.font.size = p.fontSize;
  Chart.defaults.animation = false;

  const header = el('header');
  const titles = el('div');
  titles.append(el('h1', undefined, s.title), el('p', 'subtitle', `${s.issuer} · ${L.checkWindow} ${s.checkWindow.start} – ${s.checkWindow.end}`));
  header.append(titles, refreshButton(L));
  root.append(header);
  // the same data gate as the bulletin: the sentence comes localised from the extension
  if (current.provisional) root.append(el('p', 'provisional', current.provisional));
  root.append(kpis(s, L));

  const grid = el('div', 'grid');
  root.append(grid);
  grid.append(regionSection(s, L, p), platformSection(s, L, p), indicatorSection(s, L, p), recheckSection(s, L, p));
  api.postMessage({ type: 'rendered', campaignTitle: s.title, charts: charts.map((c) => ({ id: c.canvas.closest('section')?.id ?? '', inked: inkedPixels(c.canvas) })) });
}

/** Pixels with any ink: tells a drawn chart from a blank canvas (reported for the tests). */
function inkedPixels(canvas: HTMLCanvasElement): number {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
  return inked;
}

function refreshButton(L: DashboardLabels): HTMLButtonElement {
  const b = el('button', 'refresh', L.refresh);
  b.addEventListener('click', () => api.postMessage({ type: 'refresh' }));
  return b;
}

function kpis(s: CampaignSummary, L: DashboardLabels): HTMLElement {
  const box = el('section', 'kpis');
  const card = (title: string, f: CampaignSummary['websites']): HTMLElement => {
    const c = el('div', 'kpi');
    c.append(el('h2', undefined, title), el('p', 'big', f.rateText ?? '—'), el('p', 'caption', L.passRate));
    const dl = el('dl');
    const row = (k: string, v: string | number): void => {
      dl.append(el('dt', undefined, k), el('dd', undefined, String(v)));
    };
    row(L.population, f.population ?? '—');
    row(L.checked, f.samplingRatioText ? `${f.checked} (${f.samplingRatioText})` : f.checked);
    row(L.failed, f.failed);
    if (f.undetermined > 0) row(L.undetermined, f.undetermined);
    c.append(dl);
    return c;
  };
  box.append(card(L.websites, s.websites), card(L.media, s.media));
  if (s.registry.configured) {
    const c = el('div', 'kpi');
    c.append(el('h2', undefined, L.unregistered), el('p', 'big', String(s.registry.unregistered)));
    c.append(el('p', 'caption', `${L.unregisteredFailing}: ${s.registry.unregisteredFailing}`));
    // neither 漏报 nor dropped: pending until someone verifies the filing
    if (s.registry.nearMiss > 0) c.append(el('p', 'caption', `${L.nearMiss}: ${s.registry.nearMiss}`));
    box.append(c);
  }
  return box;
}

/** A titled chart block with a canvas sized for `rows` categories and a table of the same data. */
function chartSection(id: string, title: string, rows: number, table: HTMLTableElement | null, L: DashboardLabels) {
  const section = el('section', 'chart');
  section.id = id;
  section.append(el('h2', undefined, title));
  const holder = el('div', 'canvas-holder');
  holder.style.height = `${Math.max(MIN_CHART_HEIGHT_PX, rows * ROW_HEIGHT_PX + 60)}px`;
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  holder.append(canvas);
  section.append(holder);
  if (table) {
    const details = el('details');
    details.append(el('summary', undefined, L.dataTable), table);
    section.append(details);
  }
  return { section, canvas };
}

function noData(id: string, title: string, L: DashboardLabels, extra?: HTMLElement): HTMLElement {
  const section = el('section', 'chart empty');
  section.id = id;
  section.append(el('h2', undefined, title), el('p', 'no-data', L.noData));
  if (extra) section.append(extra);
  return section;
}

function table(head: string[], rows: (string | number)[][]): HTMLTableElement {
  const t = el('table');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', undefined, h));
  t.append(el('thead'));
  t.tHead!.append(tr);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const v of r) row.append(el('td', typeof v === 'number' ? 'num' : undefined, String(v)));
    body.append(row);
  }
  t.append(body);
  return t;
}

/** Pass rate in percent for the bar, null (no bar) when nothing was checked. */
function percent(f: Figures): number | null {
  return f.rate === null ? null : Math.round(f.rate * 1000) / 10;
}

function rateTooltip(figures: Figures[][], L: DashboardLabels) {
  return {
    callbacks: {
      label: (ctx: { datasetIndex: number; dataIndex: number; dataset: { label?: string } }) => {
        const f = figures[ctx.datasetIndex][ctx.dataIndex];
        return `${ctx.dataset.label ?? ''}: ${f.rateText ?? '—'} (${L.checked} ${f.checked}, ${L.failed} ${f.failed})`;
      },
    },
  };
}

function rateScale(L: DashboardLabels) {
  return { min: 0, max: 100, title: { display: true, text: `${L.passRate} (%)` }, ticks: { callback: (v: string | number) => `${v}%` } };
}

function figureCells(f: Figures): (string | number)[] {
  return [f.checked, f.failed, f.rateText ?? '—'];
}

function regionSection(s: CampaignSummary, L: DashboardLabels, p: ReturnType<typeof palette>): HTMLElement {
  const rows = s.byRegion.filter((r) => r.websites.checked + r.media.checked > 0);
  if (rows.length === 0) return noData('by-region', L.byRegion, L);
  const head = ['', `${L.websites} ${L.checked}`, L.failed, L.passRate, `${L.media} ${L.checked}`, L.failed, L.passRate];
  const { section, canvas } = chartSection(
    'by-region',
    L.byRegion,
    rows.length * 2,
    table(head, rows.map((r) => [r.region, ...figureCells(r.websites), ...figureCells(r.media)])),
    L,
  );
  const config: ChartConfiguration<'bar', (number | null)[], string> = {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.region),
      datasets: [
        { label: L.websites, data: rows.map((r) => percent(r.websites)), backgroundColor: p.websites, minBarLength: ZERO_BAR_PX },
        { label: L.media, data: rows.map((r) => percent(r.media)), backgroundColor: p.media, minBarLength: ZERO_BAR_PX },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: rateScale(L) },
      plugins: { tooltip: rateTooltip([rows.map((r) => r.websites), rows.map((r) => r.media)], L) },
    },
  };
  charts.push(new Chart(canvas, config));
  return section;
}

function platformSection(s: CampaignSummary, L: DashboardLabels, p: ReturnType<typeof palette>): HTMLElement {
  const rows = s.byPlatform.filter((r) => r.media.checked > 0);
  if (rows.length === 0) return noData('by-platform', L.byPlatform, L);
  const { section, canvas } = chartSection(
    'by-platform',
    L.byPlatform,
    rows.length,
    table(['', L.checked, L.failed, L.passRate], rows.map((r) => [r.platform, ...figureCells(r.media)])),
    L,
  );
  const config: ChartConfiguration<'bar', (number | null)[], string> = {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.platform),
      datasets: [{ label: L.media, data: rows.map((r) => percent(r.media)), backgroundColor: p.media, minBarLength: ZERO_BAR_PX }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: rateScale(L) },
      plugins: { legend: { display: false }, tooltip: rateTooltip([rows.map((r) => r.media)], L) },
    },
  };
  charts.push(new Chart(canvas, config));
  return section;
}

function indicatorSection(s: CampaignSummary, L: DashboardLabels, p: ReturnType<typeof palette>): HTMLElement {
  const rows = s.failuresByIndicator.filter((r) => r.records > 0);
  if (rows.length === 0) return noData('by-indicator', L.byIndicator, L);
  const label = (r: (typeof rows)[number]) => `${r.ruleId} ${r.title}`;
  const { section, canvas } = chartSection(
    'by-indicator',
    L.byIndicator,
    rows.length,
    table(['', L.records], rows.map((r) => [label(r), r.records])),
    L,
  );
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: [{ label: L.records, data: rows.map((r) => r.records), backgroundColor: rows.map((r) => (r.kind === 'website' ? p.websites : p.media)) }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: L.records } } },
      plugins: { legend: { display: false } },
    },
  };
  charts.push(new Chart(canvas, config));
  return section;
}

function recheckSection(s: CampaignSummary, L: DashboardLabels, p: ReturnType<typeof palette>): HTMLElement {
  const r = s.recheck;
  if (!r) {
    const button = el('button', undefined, L.runRecheck);
    button.addEventListener('click', () => api.postMessage({ type: 'recheck' }));
    const section = noData('recheck', L.recheck, L, button);
    section.querySelector('.no-data')!.textContent = L.noRecheck;
    return section;
  }
  const statusLabel = { fixed: L.fixed, 'still-failing': L.stillFailing, 'not-rechecked': L.notRechecked } as const;
  const { section, canvas } = chartSection(
    'recheck',
    `${L.recheck}: ${r.previousTitle}`,
    6,
    table(['', L.records], [[L.fixed, r.fixed], [L.stillFailing, r.stillFailing], [L.notRechecked, r.notRechecked]]),
    L,
  );
  const config: ChartConfiguration<'doughnut', number[], string> = {
    type: 'doughnut',
    data: {
      labels: [L.fixed, L.stillFailing, L.notRechecked],
      datasets: [{ data: [r.fixed, r.stillFailing, r.notRechecked], backgroundColor: [p.pass, p.fail, p.warn], borderColor: p.lines }],
    },
    options: { maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
  };
  charts.push(new Chart(canvas, config));
  const pending = r.items.filter((i) => i.status !== 'fixed');
  if (pending.length > 0) {
    const list = el('ul', 'recheck-items');
    for (const item of pending) {
      const li = el('li');
      const name = [item.name, item.platform, item.region].filter((x) => x).join(' · ');
      if (item.uri) {
        const a = el('a', undefined, name);
        a.href = '#';
        const uri = item.uri;
        a.addEventListener('click', (e) => {
          e.preventDefault();
          api.postMessage({ type: 'open', uri });
        });
        li.append(a);
      } else {
        li.append(el('span', undefined, name));
      }
      li.append(el('span', `status ${item.status}`, statusLabel[item.status]));
      list.append(li);
    }
    section.append(list);
  }
  return section;
}

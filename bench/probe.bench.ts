// `probe` at scale: 200 generated government sites of 30 columns each (a homepage with a navigation
// of 30 list pages of 20 dated items, and dated boxes), served on this machine by the fixture web
// server (one port per site), probed by `node dist/cli.js probe <campaign> --concurrency 16` in a
// fresh process: wall time and peak RSS. The politeness pause is set to 0 so that the figure is the
// tool's own cost (with the default 500 ms a site of 31 pages alone takes ≥ 15 s, by design).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFixtureWeb, type SiteConfig } from '../test/web/fixtureWeb';
import type { BenchResult } from './figures';
import { runMeasured } from './processRun';

export const PROBE_BENCH = { sites: 200, columns: 30, items: 20, concurrency: 16 } as const;

const COLUMN_NAMES = ['工作动态', '通知公告', '政策文件', '政策解读', '人事信息', '规划计划', '部门动态', '乡镇动态', '公示公告', '图片新闻'];

/** A date `n` days before 2021-06-15, as `YYYY-MM-DD`. */
function daysBefore(n: number): string {
  return new Date(Date.UTC(2021, 5, 15) - n * 86_400_000).toISOString().slice(0, 10);
}

/** One generated site: homepage, 30 column list pages (deterministic from its index). */
export function generatedSite(index: number): SiteConfig {
  const pages = new Map<string, string>();
  const { columns, items } = PROBE_BENCH;
  const nav = Array.from({ length: columns }, (_, c) => `<li><a href="/col${c}/">${COLUMN_NAMES[c % COLUMN_NAMES.length]}${c >= COLUMN_NAMES.length ? Math.floor(c / COLUMN_NAMES.length) + 1 : ''}</a></li>`).join('');
  const list = (c: number, from: number) =>
    Array.from({ length: items }, (_, i) => {
      const d = daysBefore(from + i * 3);
      return `<li><a href="/col${c}/${d.replace(/-/g, '').slice(0, 6)}/t${d.replace(/-/g, '')}_${index * 1000 + i}.html">第 ${index} 站第 ${c} 栏目信息 ${i}</a><span class="date">${d}</span></li>`;
    }).join('\n');
  pages.set('/index.html', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>生成站点 ${index}</title></head><body><div class="nav"><ul>${nav}</ul></div><div class="box"><ul class="list">${list(0, index % 20)}</ul></div><div class="footer">网站标识码 46990${String(index).padStart(5, '0')}</div></body></html>`);
  for (let c = 0; c < columns; c++) {
    pages.set(`/col${c}/index.html`, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>栏目 ${c}</title></head><body><div class="position">首页 &gt; 栏目</div><ul class="list">${list(c, (index + c * 7) % 400)}</ul></body></html>`);
  }
  return { encoding: 'utf-8', headerCharset: true, pages };
}

/** Runs the benchmark against the CLI bundle `cliJs`. */
export async function benchProbe(cliJs: string): Promise<BenchResult> {
  const { sites, columns, concurrency } = PROBE_BENCH;
  const extra: Record<string, SiteConfig> = {};
  for (let i = 0; i < sites; i++) extra[`gen${i}`] = generatedSite(i);
  const web = await startFixtureWeb({ only: [], extra });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-probe-'));
  try {
    writeFileSync(path.join(dir, 'campaign.yaml'), 'kind: campaign\nissuer: 基准测试\nperiod: { year: 2021, quarter: 2 }\ncheckWindow: { start: 2021-06-11, end: 2021-06-20 }\nprofile: national-2019\noutput: out\n');
    mkdirSync(path.join(dir, 'websites'));
    for (let i = 0; i < sites; i++) {
      writeFileSync(path.join(dir, 'websites', `site${i}.yaml`), `kind: website\nname: 生成站点 ${i}\nurl: ${web.origins[`gen${i}`]}/\ncheckDate: 2021-06-15\n`);
    }
    const run = await runMeasured(process.execPath, [cliJs, 'probe', dir, '--concurrency', String(concurrency), '--delay', '0', '--format', 'json'], { cwd: dir, timeoutMs: 30 * 60_000 });
    const requests = Object.values(web.requests).reduce((a, b) => a + b, 0);
    let columnsRead = 0;
    try {
      const json = JSON.parse(run.stdout) as { records: { newColumns?: unknown[] }[] };
      columnsRead = json.records.reduce((n, r) => n + (r.newColumns?.length ?? 0), 0);
    } catch {
      // reported below as 0 columns
    }
    if (run.exitCode !== 0 && run.exitCode !== 1) return { name: 'probe', title: '`probe` 200 sites × 30 columns', skipped: `exit ${run.exitCode}: ${run.stderr.slice(0, 300)}` };
    return {
      name: 'probe',
      title: `\`probe\` ${sites} sites × ${columns} columns, concurrency ${concurrency}`,
      figures: [
        { key: 'probe.wall', label: 'wall time', value: run.wallMs / 1000, unit: 's' },
        { key: 'probe.cpu', label: 'CPU time (user + system)', value: run.cpuMs / 1000, unit: 's' },
        { key: 'probe.rss', label: 'peak RSS', value: run.peakRssMiB, unit: 'MiB' },
        { key: 'probe.requests', label: 'HTTP requests served', value: requests, unit: 'count' },
        { key: 'probe.columns', label: 'columns proposed', value: columnsRead, unit: 'count', note: `of ${sites * columns}` },
        { key: 'probe.pagesPerSecond', label: 'pages per second', value: requests / (run.wallMs / 1000), unit: 'count' },
      ],
      notes: ['the fixture server runs in the benchmark process, on the same CPUs as the probe', 'politeness pause 0 ms (--delay 0); snapshots written to the campaign as in real use'],
    };
  } finally {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

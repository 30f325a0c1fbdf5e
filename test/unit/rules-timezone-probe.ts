// Evaluates a fixed set of records whose dates sit on month ends, leap days and the days clocks
// change in other countries, and prints the results as JSON: run under several TZ values by
// rules-timezone.test.ts, which requires identical output.
import { evaluateRecord } from '../../server/src/core/rules/engine';
import { loadProfile } from '../../server/src/core/rules/profile';
import { MEDIA, REPO, WEBSITE, columns, withFacts } from './rules-support';

/** The probe's records and their results, as one JSON text. */
export function probe(): string {
  const loaded = loadProfile('national-2019', REPO);
  if (!loaded.profile) throw new Error('national profile does not load');
  const p = loaded.profile;

  const records = [
    // US daylight saving starts 2021-03-14, ends 2021-11-07; Europe 2021-03-28 / 2021-10-31
    withFacts(WEBSITE, { checkDate: '2021-03-14', homepage: { lastUpdate: '2021-02-28' } }),
    withFacts(WEBSITE, { checkDate: '2021-03-28', homepage: { lastUpdate: '2021-03-14' } }),
    withFacts(WEBSITE, { checkDate: '2021-11-07', homepage: { lastUpdate: '2021-10-24' } }),
    withFacts(MEDIA, { checkDate: '2021-10-31', lastPost: '2021-10-16' }),
    withFacts(MEDIA, { checkDate: '2021-01-01', lastPost: '2020-12-18' }),
    // month ends and leap days in month windows
    withFacts(WEBSITE, { checkDate: '2021-08-31', homepage: { lastUpdate: '2021-08-30' }, columns: [...columns(4, { category: '动态要闻', lastUpdate: '2021-08-16' }), { name: '政策', category: '政策文件', level: 1, lastUpdate: '2021-02-28' }] }),
    withFacts(WEBSITE, { checkDate: '2020-08-31', homepage: { lastUpdate: '2020-08-30' }, columns: [...columns(4, { category: '动态要闻', lastUpdate: '2020-08-16' }), { name: '政策', category: '政策文件', level: 1, lastUpdate: '2020-02-28' }] }),
    withFacts(WEBSITE, { checkDate: '2021-03-01', interaction: { channel: true, columns: [{ name: '信箱', type: '政务咨询', messages: [{ received: '2020-11-30' }, { received: '2020-12-01', answered: '2021-03-01' }] }] } }),
    withFacts(WEBSITE, { checkDate: '2024-02-29', homepage: { lastUpdate: '2024-02-15' }, availability: { probes: 10000, failures: 500 } }),
  ];
  return JSON.stringify(records.map((r) => evaluateRecord(r, p, 'zh-cn')).map((r) => ({ verdict: r.verdict, score: r.score, hits: r.hits, reasons: r.reasons })));
}

/** Runs the probe under each zone in turn (Node applies a changed process.env.TZ at once). */
export function probeZones(zones: string[]): { zone: string; offset: number; output: string }[] {
  return zones.map((zone) => {
    process.env.TZ = zone;
    // the offset of 2021-06-15 local midnight shows the zone really is in force
    return { zone, offset: new Date(2021, 5, 15).getTimezoneOffset(), output: probe() };
  });
}

if (require.main === module) process.stdout.write(JSON.stringify(probeZones(process.argv.slice(2))));

// The division table as a tree (province → prefecture → county), with the short names units use
// in account names (海口市 → 海口, 白沙黎族自治县 → 白沙, 广西壮族自治区 → 广西).
import { DIVISIONS_TEXT } from './divisionCodes';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  code: string;
  name: string;
  short: string;
  level: DivisionLevel;
  province: Division;
  /** The prefecture for a county under one; undefined for provinces and county-level units directly under a province. */
  prefecture?: Division;
  children: Division[];
}

const AUTONOMOUS = /^(.{2,}?)(?:[\u4e00-\u9fa5]{1,4}?族)+自治(?:区|州|县|旗)$/;

/** The short form of a division name used in account and site names. */
export function shortName(name: string): string {
  const auto = AUTONOMOUS.exec(name);
  if (auto) return auto[1];
  if (name.endsWith('自治区')) return name.slice(0, -3);
  if (name.length > 2 && /[省市县区旗盟州]$/.test(name)) return name.slice(0, -1);
  return name;
}

let cached: Division[] | undefined;

/** All provinces, each with its prefectures and counties, in code order. */
export function provinces(): Division[] {
  if (cached) return cached;
  const out: Division[] = [];
  let province: Division | undefined;
  let prefecture: Division | undefined;
  for (const line of DIVISIONS_TEXT.split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const [code, name] = line.trim().split(' ');
    if (indent === 0) {
      province = { code, name, short: shortName(name), level: 'province', children: [] } as unknown as Division;
      province.province = province;
      out.push(province);
      prefecture = undefined;
    } else if (!province) {
      throw new Error(`division ${code} has no province`);
    } else if (indent === 1 && code.endsWith('00')) {
      prefecture = { code, name, short: shortName(name), level: 'prefecture', province, children: [] };
      province.children.push(prefecture);
    } else if (indent === 1) {
      prefecture = undefined;
      province.children.push({ code, name, short: shortName(name), level: 'county', province, children: [] });
    } else {
      if (!prefecture) throw new Error(`county ${code} has no prefecture`);
      prefecture.children.push({ code, name, short: shortName(name), level: 'county', province, prefecture, children: [] });
    }
  }
  return (cached = out);
}

/** The province with a given code (`46`, `460000`) or name (`海南省`, `海南`). */
export function findProvince(key: string): Division | undefined {
  const k = key.trim();
  return provinces().find((p) => p.code === k || p.code.slice(0, 2) === k || p.name === k || p.short === k);
}

/** Every division below (and including) the given one, depth first. */
export function descendants(d: Division): Division[] {
  const out: Division[] = [d];
  for (const c of d.children) out.push(...descendants(c));
  return out;
}

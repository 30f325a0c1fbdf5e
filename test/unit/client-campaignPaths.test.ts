// Which campaign folder a file belongs to (client/src/campaignPaths.ts): the deepest folder holding
// it, same scheme only, and never a folder whose name merely starts the same way.
import { strict as assert } from 'node:assert';
import { campaignOf } from '../../client/src/campaignPaths';

const uri = (path: string, scheme = 'file') => ({ scheme, path });

describe('client campaignOf', () => {
  const q2 = uri('/data/inspections/hainan-2021q2');
  const q1 = uri('/data/inspections/hainan-2021q1');
  const nested = uri('/data/inspections/hainan-2021q2/archive/old-campaign');

  it('finds the campaign holding a record', () => {
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2/media/儋州市/儋州教育.yaml'), [q1, q2]), q2);
  });

  it('finds the campaign of its own folder', () => {
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q1'), [q1, q2]), q1);
  });

  it('prefers the deepest campaign when campaigns sit inside each other', () => {
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2/archive/old-campaign/a.yaml'), [q2, nested]), nested);
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2/archive/old-campaign/a.yaml'), [nested, q2]), nested);
  });

  it('does not take a sibling folder that shares a prefix', () => {
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2-copy/a.yaml'), [q2]), undefined);
  });

  it('ignores campaigns of another scheme', () => {
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2/a.yaml', 'untitled'), [q2]), undefined);
  });

  it('accepts a campaign path written with a trailing slash', () => {
    const slash = uri('/data/inspections/hainan-2021q2/');
    assert.equal(campaignOf(uri('/data/inspections/hainan-2021q2/a.yaml'), [slash]), slash);
  });
});

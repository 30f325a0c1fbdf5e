// isInside and plainBelow decide by comparing strings where they can (a campaign asks for each of
// its files) and must answer exactly as path.relative does, for both path flavours' inputs.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { isInside, plainBelow } from '../../server/src/core/io/containment';

/** The answer by path.relative alone: the same place, or a relative path that does not climb out. */
function insideByRelative(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.split(path.sep).includes('..') && !path.isAbsolute(rel));
}

const segment = fc.constantFrom('a', 'b', '检查', '.', '..', '', '.x', '..y', 'a b', 'c\\d', 'media', '省直');
const absolute = fc.array(segment, { minLength: 0, maxLength: 5 }).map((s) => '/' + s.join('/'));

describe('containment by strings', () => {
  it('isInside answers as path.relative for any pair of paths (10,000 generated pairs)', () => {
    fc.assert(
      fc.property(absolute, absolute, (file, folder) => {
        assert.equal(isInside(file, folder), insideByRelative(file, folder), `${file} in ${folder}`);
      }),
      { numRuns: 10000 },
    );
  });

  it('plainBelow gives path.relative whenever it answers (a file below a folder, with a suffix)', () => {
    fc.assert(
      fc.property(absolute, fc.array(segment, { minLength: 1, maxLength: 4 }), (folder, below) => {
        const file = `${folder}/${below.join('/')}`;
        const rel = plainBelow(file, folder);
        if (rel !== undefined) assert.equal(rel, path.relative(folder, file), `${file} below ${folder}`);
      }),
      { numRuns: 10000 },
    );
  });

  it('answers the plain cases itself and leaves the others to path', () => {
    assert.equal(plainBelow('/c/media/省直/a.yaml', '/c'), 'media/省直/a.yaml');
    assert.equal(plainBelow('/c/media/a.yaml', '/c/'), 'media/a.yaml');
    assert.equal(plainBelow('/cd/a.yaml', '/c'), undefined);
    assert.equal(plainBelow('/c', '/c'), undefined);
    assert.equal(plainBelow('/c/../d/a.yaml', '/c'), undefined);
    assert.equal(plainBelow('/c//a.yaml', '/c'), undefined);
    assert.equal(plainBelow('/c/./a.yaml', '/c'), undefined);
    assert.equal(isInside('/c/../d/a.yaml', '/c'), false);
    // a name that starts with two dots is still below the folder
    assert.equal(isInside('/c/..a/b.yaml', '/c'), true);
    assert.equal(isInside('/c/../c/a.yaml', '/c'), true);
  });
});

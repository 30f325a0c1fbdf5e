// The fast parser against `yaml`: for a text the fast parser accepts, `yaml` must report no error or
// warning, give the same value (deep-equal, key order included) and the same node tree with the same
// ranges ([start, value end, node end] of every node and key). Used by the differential tests.
import { strict as assert } from 'node:assert';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { fastParse, type FastNode } from '../../../server/src/core/yaml/fastYaml';
import { parseYamlDocument, YAML_LIMITS } from '../../../server/src/core/yaml/yamlDocument';

/** 'rejected' when the fast parser declines the text, 'same' when it agrees with `yaml` (else it throws). */
export function compareWithYaml(text: string): 'rejected' | 'same' {
  const fast = fastParse(text);
  if (!fast) return 'rejected';
  const doc = parseYamlDocument(text);
  const where = JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  assert.deepEqual(doc.errors.map((e) => e.code), [], `fast parse accepted a text yaml rejects: ${where}`);
  assert.deepEqual(doc.warnings.map((e) => e.code), [], `fast parse accepted a text yaml warns about: ${where}`);
  const expected = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  assertSameValue(fast.value, expected, '', where);
  assertSameNode(fast.root, doc.contents as Node | null, '', where);
  return 'same';
}

/** Deep equality that also requires the same key order and the same own-property layout (`__proto__`). */
export function assertSameValue(actual: unknown, expected: unknown, at: string, where: string): void {
  if (typeof expected !== 'object' || expected === null) {
    assert.ok(Object.is(actual, expected), `value at ${at || '(root)'}: ${String(actual)} ≠ ${String(expected)} in ${where}`);
    return;
  }
  assert.equal(Array.isArray(actual), Array.isArray(expected), `kind at ${at} in ${where}`);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `prototype at ${at} in ${where}`);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  assert.deepEqual(Object.keys(a), Object.keys(e), `keys at ${at || '(root)'} in ${where}`);
  for (const k of Object.keys(e)) assertSameValue(a[k], e[k], `${at}/${k}`, where);
}

function assertSameNode(fast: FastNode, node: Node | null, at: string, where: string): void {
  assert.ok(node, `no yaml node at ${at || '(root)'} in ${where}`);
  const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'other';
  assert.equal(fast.kind, kind, `node kind at ${at || '(root)'} in ${where}`);
  assert.deepEqual([...fast.range], [...(node.range ?? [])], `range of the ${kind} at ${at || '(root)'} in ${where}`);
  if (fast.kind === 'map' && isMap(node)) {
    assert.equal(fast.flow, node.flow === true, `flow at ${at} in ${where}`);
    assert.equal(fast.keys.length, node.items.length, `entries at ${at} in ${where}`);
    node.items.forEach((pair, i) => {
      const key = pair.key as Node | null;
      assert.ok(isScalar(key), `key ${i} at ${at} in ${where}`);
      assert.equal(fast.names[i], String(key.value), `key name ${i} at ${at} in ${where}`);
      assert.deepEqual([...fast.keys[i].range], [...(key.range ?? [])], `range of key ${fast.names[i]} at ${at || '(root)'} in ${where}`);
      assertSameNode(fast.values[i], pair.value as Node | null, `${at}/${fast.names[i]}`, where);
    });
  } else if (fast.kind === 'seq' && isSeq(node)) {
    assert.equal(fast.flow, node.flow === true, `flow at ${at} in ${where}`);
    assert.equal(fast.items.length, node.items.length, `items at ${at} in ${where}`);
    node.items.forEach((item, i) => assertSameNode(fast.items[i], item as Node | null, `${at}/${i}`, where));
  }
}

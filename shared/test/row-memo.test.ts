import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowMemo } from '../src/kube/row-memo.ts';

interface Item {
  name: string;
  version: number;
  deadline?: number;
}

describe('RowMemo', () => {
  const rowsOf = (memo: RowMemo<{ name: string }>, items: Item[], now: number, built: string[]) =>
    memo.rebuild(
      'ns',
      items,
      {
        name: (item) => item.name,
        key: (item) => String(item.version),
        build: (item) => {
          built.push(item.name);
          return { value: { name: item.name }, validUntil: item.deadline };
        },
      },
      now,
    );

  it('rebuilds only rows whose key changed or whose deadline passed, and drops rows of gone objects', () => {
    const memo = new RowMemo<{ name: string }>();
    const built: string[] = [];
    const first = rowsOf(
      memo,
      [
        { name: 'a', version: 1 },
        { name: 'b', version: 1, deadline: 100 },
      ],
      0,
      built,
    );
    assert.deepEqual(built, ['a', 'b']);
    assert.equal(first.validUntil, 100);

    built.length = 0;
    const second = rowsOf(
      memo,
      [
        { name: 'a', version: 2 },
        { name: 'b', version: 1, deadline: 100 },
      ],
      50,
      built,
    );
    assert.deepEqual(built, ['a'], 'only the changed row');
    assert.equal(second.values[1], first.values[1], 'the unchanged row is the same object');

    built.length = 0;
    const third = rowsOf(
      memo,
      [
        { name: 'a', version: 2 },
        { name: 'b', version: 1 },
      ],
      100,
      built,
    );
    assert.deepEqual(built, ['b'], 'the row past its deadline');
    assert.equal(third.values[0], second.values[0]);
    assert.equal(third.validUntil, Infinity);

    built.length = 0;
    rowsOf(memo, [{ name: 'b', version: 1 }], 200, built);
    rowsOf(
      memo,
      [
        { name: 'a', version: 2 },
        { name: 'b', version: 1 },
      ],
      200,
      built,
    );
    assert.deepEqual(built, ['a'], 'a row whose object went away is not kept');
  });
});

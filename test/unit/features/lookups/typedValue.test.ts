import * as assert from 'node:assert/strict';
import { acceptedValue, TYPE_VALUE_LABEL, valueItems } from '../../../../src/features/lookups/typedValue';

describe('features/lookups/typedValue (Look Up Events value step)', () => {
  const suggestions = [
    { label: 'AdminDeleteUser', value: 'AdminDeleteUser', description: 'Cognito' },
    { label: 'DeleteBucket', value: 'DeleteBucket', description: 'S3' },
  ];

  it('lists the typed text first, so Enter takes "Delete*" and not the first suggestion', () => {
    const items = valueItems('Delete*', suggestions, 'wildcards allowed');
    assert.equal(items[0]?.typed, true);
    assert.equal(items[0]?.alwaysShow, true);
    assert.deepEqual(acceptedValue(items[0], 'Delete*'), { kind: 'value', value: 'Delete*' });
  });

  it('accepts a value never seen in loaded events (mallory)', () => {
    const items = valueItems(' mallory ', suggestions, 'any value');
    assert.deepEqual(acceptedValue(items[0], ' mallory '), { kind: 'value', value: 'mallory' });
    assert.deepEqual(acceptedValue(undefined, 'mallory'), { kind: 'value', value: 'mallory' }, 'nothing active: the typed text');
  });

  it('takes a suggestion only when it was explicitly selected', () => {
    assert.deepEqual(acceptedValue(suggestions[1], 'Delete'), { kind: 'value', value: 'DeleteBucket' });
  });

  it('offers "Type a value…" while nothing is typed, which opens the input box', () => {
    const items = valueItems('', suggestions, 'any value');
    assert.equal(items[0]?.label, TYPE_VALUE_LABEL);
    assert.deepEqual(acceptedValue(items[0], ''), { kind: 'input' });
    assert.deepEqual(acceptedValue(undefined, ''), { kind: 'cancel' });
  });

  it('shows typed text inert: a typed $(codicon) is not rendered as an icon', () => {
    const items = valueItems('$(alert) x', suggestions, 'any value');
    assert.ok(!items[0]?.label.slice('$(edit) '.length).startsWith('$(alert)'), items[0]?.label);
  });
});

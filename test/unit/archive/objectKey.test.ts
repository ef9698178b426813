import * as assert from 'node:assert/strict';
import { awsLogsKey, objectKeyOf, rootOf } from '../../../src/archive/objectKey';

const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0020Z_Log00000000000000.json.gz';

describe('archive/objectKey', () => {
  it('takes the key from the AWSLogs/ folder on, whatever lies above it', () => {
    assert.equal(objectKeyOf(`/home/me/trail-copy/${KEY}`), KEY);
    assert.equal(objectKeyOf(`C:\\Users\\me\\trails\\${KEY.replace(/\//g, '\\')}`), KEY);
    assert.equal(objectKeyOf('/home/me/flat/111122223333_CloudTrail_us-east-1_20240101T0020Z_Log00000000000000.json.gz'), undefined, 'a flat folder has no key');
    assert.equal(objectKeyOf('/home/AWSLogsBackup/x.json.gz'), undefined, 'only a folder named exactly AWSLogs counts');
  });

  it('relative to the opened folder: a nested copy gets its own key, a folder opened below AWSLogs/ is completed', () => {
    assert.equal(objectKeyOf(`/t/${KEY}`, '/t'), KEY);
    assert.equal(objectKeyOf(`/t/copy/${KEY}`, '/t'), KEY, 'a second tree inside the opened folder claims the same key (and is hashed too)');
    assert.equal(objectKeyOf(`/t/AWSLogs/1/CloudTrail/r/old/${KEY}`, '/t'), `AWSLogs/1/CloudTrail/r/old/${KEY}`);
    assert.equal(objectKeyOf(`/t/${KEY}`, '/t/AWSLogs/111122223333/CloudTrail/us-east-1'), KEY);
    assert.equal(objectKeyOf(`/t/${KEY}`, `/t/${KEY}`), KEY, 'a single file opened');
    assert.equal(objectKeyOf('/t/flat/x.json', '/t'), undefined);
  });

  it('drops a bucket prefix from digest keys, and finds the opened root of a file', () => {
    assert.equal(awsLogsKey(`team/trails/${KEY}`), KEY);
    assert.equal(awsLogsKey(KEY), KEY);
    assert.equal(awsLogsKey('odd/key.json.gz'), 'odd/key.json.gz');
    assert.equal(rootOf('/a/b/c.json', ['/a', '/a/b', '/x']), '/a/b');
    assert.equal(rootOf('/ab/c.json', ['/a']), undefined);
  });
});

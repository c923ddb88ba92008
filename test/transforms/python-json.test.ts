import test from 'ava';
import { parseJson } from '../../core/parse-json.ts';
import { pythonJsonDumps } from '../../core/python-json.ts';

const cases: Array<[string, string]> = [
  ['{"a":1.0,"b":"é"}', '{"a": 1.0, "b": "\\u00e9"}'],
  ['{"big":12345678901234567890,"neg":-98765432109876543210}', '{"big": 12345678901234567890, "neg": -98765432109876543210}'],
  ['[1,2.50,1e+16,"😀"]', '[1, 2.50, 1e+16, "\\ud83d\\ude00"]'],
  ['{"z":1,"a":{"y":[],"x":{}}}', '{"z": 1, "a": {"y": [], "x": {}}}'],
  ['{"q":"a\\"b\\\\c\\n\\u0001\\u007f"}', '{"q": "a\\"b\\\\c\\n\\u0001\\u007f"}'],
  ['{"t":true,"f":false,"n":null}', '{"t": true, "f": false, "n": null}'],
];
for (const [input, expected] of cases) {
  test(`pythonJsonDumps(parseJson(${input}))`, (t) => t.is(pythonJsonDumps(parseJson(input)), expected));
}

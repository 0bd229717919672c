import type { FileContent } from '../requests/types.ts';
import { editedAt, toData } from './data.ts';
import { refuse, showPath, type KeyPath } from './refusals.ts';
import { firstThatReadsBack } from './splices.ts';
import { replaceValue } from './value-edits.ts';
import { locate, readYaml, type FileState } from './yaml-file.ts';

/**
 * Sets the value at a key path of a YAML file, keeping every other byte. An existing value is
 * replaced where it stands, in its quoting style where the new value allows it, its comment on
 * the same line kept; a missing key is added at the end of its map, at the map's indentation, with
 * the maps on the way. `value` is data: a string, number, boolean, null, or a list or map of them.
 * Refuses (RequestRefused) a missing file, a path through an alias or a shared anchor, a tagged
 * value, and a map or list replaced by a single value.
 */
export function setValue(file: FileState, keys: KeyPath, value: unknown): FileContent {
  const data = toData(value);
  const yaml = readYaml(file, keys);
  if (keys.length === 0) throw refuse('unprocessable', file.path, keys, `setValue needs a key path in ${file.path}.`, 'the whole document cannot be set; name a key');
  const location = locate(yaml, keys);
  const expected = editedAt(yaml.data, keys, () => data);
  const content = firstThatReadsBack(yaml, `setting ${showPath(keys)}`, expected, [false, true].map((quoteAll) => () => replaceValue(yaml, keys, location, data, quoteAll)));
  return { path: file.path, content, previousSha: file.previousSha };
}

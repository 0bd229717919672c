/**
 * How the change builders say no. A change the repository cannot take as it is (a file that exists
 * already, a value behind an alias, a file that is not valid YAML) is a RequestRefused: the request
 * edge answers it as a 404, 409 or 422 with the problem on the file. A change a builder cannot
 * express without breaking the file is a ChangeNotApplied: a bug of the builder, never written.
 */
import { pathToString } from '../lib/problems.ts';
import { RequestRefused } from '../requests/types.ts';

/** A step of a path into a YAML document: a key of a map, or the index of a list's item. */
export type KeyPath = readonly (string | number)[];

/** `services.kafka.partitions`, `owners[2]`; the document itself when the path is empty. */
export function showPath(keys: KeyPath): string {
  return keys.length === 0 ? '(the whole document)' : pathToString(keys);
}

/** The request cannot be done on the file as it is: `headline` for the person, the problem on the file. */
export function refuse(kind: RequestRefused['kind'], file: string, keys: KeyPath, headline: string, problem: string): RequestRefused {
  return new RequestRefused(kind, headline, [{ file, path: keys.length === 0 ? '' : pathToString(keys), message: problem }]);
}

/** A builder produced text that does not read back as the change it meant: nothing is written. */
export class ChangeNotApplied extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ChangeNotApplied';
    this.file = file;
  }
}

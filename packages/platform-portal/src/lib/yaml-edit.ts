import { isMap, isScalar, parseDocument, type Document } from 'yaml';

/**
 * Sets one number in a YAML file and keeps every other byte: comments, quoting, folded text and
 * key order. An existing value is replaced in place in the source text; a new key is added with
 * the document API (which may reformat the map it lands in).
 */
export function setNumberIn(source: string, path: string[], value: number): string {
  const doc = parseDocument(source, { keepSourceTokens: true });
  if (doc.errors.length > 0) throw new Error(`not valid YAML: ${doc.errors[0]!.message}`);
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return source.slice(0, start) + String(value) + source.slice(end);
  }
  ensureMaps(doc, path.slice(0, -1));
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

function ensureMaps(doc: Document, path: string[]): void {
  for (let i = 1; i <= path.length; i++) {
    const at = path.slice(0, i);
    if (!isMap(doc.getIn(at, true))) doc.setIn(at, doc.createNode({}));
  }
}

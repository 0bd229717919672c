/**
 * Change builders: the file changes a GitOps request makes, each pure and keeping every byte of
 * the file outside what it changes. README.md says what each keeps and refuses.
 */
export { addFile, fileIn, removeFile, type YamlTemplate } from './files.ts';
export { addListItem, removeListItem, type ItemMatch } from './list-items.ts';
export { ChangeNotApplied, type KeyPath } from './refusals.ts';
export { setValue } from './set-value.ts';
export type { FileState } from './yaml-file.ts';

/**
 * `platform-portal/requests`: what a site needs to define request types of its own and to choose
 * the built-in ones it keeps, in portal.config.ts:
 *
 *   import { definePortalConfig } from 'platform-portal/config';
 *   import { onboarding, capacity, feedback } from 'platform-portal/requests';
 *   import kafkaTopic from './requests/kafka-topic.ts';
 *   export default definePortalConfig({ ..., requests: { types: [onboarding, capacity, feedback, kafkaTopic] } });
 *
 * A type's `build` is pure: it gets the files it named in `reads`, and makes its changes with the
 * change builders below, which keep every byte of a file outside their edit.
 */
export { defineRequestType, RequestTypeError } from './requests/define.ts';
export { BUILT_IN_REQUEST_TYPES } from './requests/registry.ts';
export { onboarding } from './requests/onboarding.ts';
export { capacity } from './requests/capacity.ts';
export { feedback } from './requests/feedback.ts';
export { campaign } from './requests/campaign.ts';
export { incident, maintenance } from './requests/operations.ts';
export { requestBody } from './requests/pr-body.ts';
export { tenantReviewers } from './requests/tenant-reviewers.ts';
export { CODEOWNERS_FILES, tenantCodeowners } from './requests/codeowners-change.ts';
export { tenantPath } from './schemas/tenant.ts';
export { usagePath } from './schemas/usage.ts';
export { accessPath, AccessFileSchema, AccessGrantSchema, AccessGroupSchema, AccessRoleIdSchema, MAX_ACCESS_DAYS, type AccessGrant, type AccessGrantInput, type ServiceAccess } from './schemas/access.ts';
export { plainText, singleLine } from './schemas/text.ts';
export { SlugSchema } from './schemas/slug.ts';
export { RequestRefused } from './requests/types.ts';
export type { BuildContext, Change, FileChange, RepoFile, Requester, RequestType } from './requests/types.ts';
export { addFile, addListItem, ChangeNotApplied, fileIn, removeFile, removeListItem, setValue } from './changes/index.ts';
export type { FileState, ItemMatch, KeyPath, YamlTemplate } from './changes/index.ts';
export { code, escapeInline, inert, oneLine } from './lib/markdown.ts';

import { portalCollections } from 'platform-portal/collections';

export const collections = portalCollections();

import { portalApi } from 'platform-portal/functions';
import portal from '../../portal.config.ts';

export const onRequest = portalApi(portal);

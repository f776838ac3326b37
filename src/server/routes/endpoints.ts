import type { EndpointController } from './endpoint.ts'
import token from './api/oauth2/tokenEndpoint.ts'
import children from './api/children_social_care_data/childrenEndpoint.ts'

/** Every JSON endpoint for machine clients (mounted before the session: no cookies, no CSRF). Add new ones at the end. */
export const endpoints: EndpointController[] = [token, children]

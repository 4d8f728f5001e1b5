/** Delivery at the edges: unload flush within the keepalive quota, persistence of refused exports. */
export { attachDelivery, type Delivery } from './delivery.js';
export type { PersistenceConfig } from './persistence.js';

/** Delivery at the edges: unload flush within the keepalive quota, persistence of refused exports. */
export { attachDelivery, type Delivery, type PersistenceConfig } from './delivery.js';

import type { JsonObject } from '../../../core/json-value.ts';
import { parseJson } from '../../../core/parse-json.ts';

/** The orders mapping as ES 7/8 and OpenSearch answer `GET orders/_mapping`. */
export const ORDERS_PROPERTIES = {
  order_id: { type: 'keyword' },
  status: { type: 'keyword', fields: { raw: { type: 'keyword' } } },
  note: { type: 'text', copy_to: 'all_text' },
  all_text: { type: 'text' },
  placed: { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||epoch_millis' },
  paid_at: { type: 'date' },
  price: { type: 'scaled_float', scaling_factor: 100 },
  big: { type: 'long' },
  quantity: { type: 'integer' },
  ratio: { type: 'double' },
  express: { type: 'boolean' },
  client_ip: { type: 'ip' },
  location: { type: 'geo_point' },
  blob: { type: 'binary' },
  extras: { type: 'flattened' },
  window: { type: 'date_range' },
  tags: { type: 'keyword' },
  customer: { properties: { name: { type: 'keyword' }, address: { properties: { city: { type: 'keyword' } } } } },
  lines: { type: 'nested', properties: { sku: { type: 'keyword' }, qty: { type: 'integer' }, unit_price: { type: 'scaled_float', scaling_factor: 100 } } },
};

export const TYPELESS_ANSWER = { 'orders-2024': { mappings: { properties: ORDERS_PROPERTIES } } };
export const TWO_INDICES_ANSWER = { 'orders-2023': { mappings: { properties: ORDERS_PROPERTIES } }, 'orders-2024': { mappings: { properties: ORDERS_PROPERTIES } } };
/** ES 2.x: `string` fields, two types in one index. */
export const MULTI_TYPE_ANSWER = {
  shop: {
    mappings: {
      order: { properties: { order_id: { type: 'string', index: 'not_analyzed' }, total: { type: 'long' } } },
      refund: { properties: { order_id: { type: 'string', index: 'not_analyzed' }, reason: { type: 'string' } } },
    },
  },
};

export const ORDER_TEXT = String.raw`{"order_id":"o-1","status":"paid","note":"fast \"please\" 😀","placed":"2024/01/15 10:30:00","paid_at":1705314600123,
 "price":12.5,"big":12345678901234567890,"quantity":3,"ratio":0.1,"express":true,"client_ip":"2001:db8::1",
 "location":{"lat":52.52,"lon":13.405},"blob":"AAEC","extras":{"a":{"b":1.0}},"window":{"gte":"2024-01-01","lt":"2024-02-01"},
 "tags":["x","y","x"],"customer":{"name":"Zoë","address":{"city":"Berlin"}},
 "lines":[{"sku":"A","qty":1,"unit_price":2.25},{"sku":"B","qty":2,"unit_price":4.1}]}`;

export function orderSource(): JsonObject {
  return parseJson(ORDER_TEXT.replace(/\n/g, '').replace('12345678901234567890', '1234567890123456789')) as JsonObject;
}
